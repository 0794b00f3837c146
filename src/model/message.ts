/** A text in Vietnamese and English. */
export interface Message {
  readonly vi: string;
  readonly en: string;
}
