// Which addresses a fetch for a document's URLs may not reach, and every way a URL can spell one.
import { describe, expect, it } from "vitest";
import { blockedAddress, parseIpv6 } from "../../src/fetch/address.js";
import { checkTarget, FetchProblem, type AddressPolicy } from "../../src/fetch/target.js";

const CHECKED: AddressPolicy = { allowPrivateNetwork: false, names: "checked-on-connect" };
const BROWSER: AddressPolicy = { allowPrivateNetwork: false, names: "local-refused" };

function refusal(url: string, policy: AddressPolicy = CHECKED): string {
  try {
    checkTarget(url, policy);
  } catch (err) {
    if (err instanceof FetchProblem) return err.reason;
    throw err;
  }
  return "allowed";
}

describe("blockedAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "shared (CGNAT)"],
    ["100.127.255.255", "shared (CGNAT)"],
    ["0.0.0.0", "unspecified (this network)"],
    ["0.1.2.3", "unspecified (this network)"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved (and broadcast)"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fc00::1", "unique local (private)"],
    ["fdff:ffff::1", "unique local (private)"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback (IPv4-mapped)"],
    ["::ffff:7f00:1", "loopback (IPv4-mapped)"],
    ["::ffff:10.1.2.3", "private (IPv4-mapped)"],
    ["::ffff:0:192.168.0.1", "private (IPv4-translated)"],
    ["::127.0.0.1", "loopback (IPv4-compatible)"],
    ["64:ff9b::a9fe:a9fe", "link-local (NAT64)"],
    ["2002:0a00:0001::", "private (6to4)"],
    ["2001:db8::1", "documentation"],
    ["not-an-address", "not an IP address"],
    ["1::2::3", "not an IP address"],
    ["01.2.3.4", "not an IP address"],
  ])("%s is refused: %s", (address, why) => {
    expect(blockedAddress(address)).toBe(why);
  });

  it.each(["8.8.8.8", "203.162.4.190", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "169.253.0.1", "192.169.0.1",
    "2606:4700:4700::1111", "2402:800::1", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"])("%s is public", (address) => {
    expect(blockedAddress(address)).toBeUndefined();
  });

  it("reads IPv6 in every textual form (RFC 4291 §2.2) and rejects what is not one", () => {
    const hex = (t: string): string | undefined => {
      const b = parseIpv6(t);
      return b && Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    };
    expect(hex("1:2:3:4:5:6:7:8")).toBe("00010002000300040005000600070008");
    expect(hex("1:2:3:4:5:6:7::")).toBe("00010002000300040005000600070000");
    expect(hex("::2:3:4:5:6:7:8")).toBe("00000002000300040005000600070008");
    expect(hex("1:2:3:4:5:6:1.2.3.4")).toBe("00010002000300040005000601020304");
    expect(hex("1:2:3:4:5::1.2.3.4")).toBe("00010002000300040005000001020304");
    expect(hex("::1.2.3.4")).toBe("00000000000000000000000001020304");
    for (const bad of ["1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "g::1", ""]) {
      expect(parseIpv6(bad), bad).toBeUndefined();
    }
  });
});

describe("checkTarget: what the URL shows", () => {
  it.each([
    "http://127.0.0.1/",
    "http://2130706433/", // decimal
    "http://0x7f.1/", // hex, short form
    "http://0x7f000001/",
    "http://017700000001/", // octal
    "http://0177.0.0.1/",
    "http://127.1/", // short form
    "http://127.0.0.1.:8080/", // trailing dot
    "http://0/", // 0.0.0.0
    "http://10.0.0.1/ca.crl",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[fe80::1]/",
    "https://192.168.0.1:8443/ocsp",
  ])("refuses %s (REFUSED_ADDRESS)", (url) => {
    expect(refusal(url)).toBe("REFUSED_ADDRESS");
    expect(refusal(url, BROWSER)).toBe("REFUSED_ADDRESS");
  });

  it("allows them all with allowPrivateNetwork", () => {
    expect(refusal("http://0x7f.1/", { allowPrivateNetwork: true, names: "checked-on-connect" })).toBe("allowed");
    expect(refusal("http://[::1]/", { allowPrivateNetwork: true, names: "local-refused" })).toBe("allowed");
  });

  it("leaves names to the DNS check, or refuses local names where no DNS check is possible", () => {
    expect(refusal("http://localhost/")).toBe("allowed"); // judged at connect time, on what it resolves to
    for (const url of ["http://localhost/", "http://LOCALHOST./", "http://a.localhost/", "http://printer.local/", "http://router.home.arpa/",
      "http://ca.internal/", "http://intranet/"]) {
      expect(refusal(url, BROWSER), url).toBe("REFUSED_ADDRESS");
    }
    expect(refusal("http://crl.vnpt-ca.vn/vnptca.crl", BROWSER)).toBe("allowed");
    expect(refusal("http://crl.vnpt-ca.vn/vnptca.crl", { allowPrivateNetwork: false, names: "refused" })).toBe("REFUSED_ADDRESS");
  });

  it("refuses other schemes, credentials and what is not a URL", () => {
    for (const url of ["file:///etc/passwd", "ftp://ca.example/ca.crl", "ldap://ldap.example/cn=CA?certificateRevocationList", "gopher://x/", "data:,x", "javascript:alert(1)"]) {
      expect(refusal(url), url).toBe("REFUSED_SCHEME");
    }
    expect(refusal("http://user:pass@crl.example.vn/")).toBe("REFUSED_CREDENTIALS");
    expect(refusal("http://user@crl.example.vn/")).toBe("REFUSED_CREDENTIALS");
    expect(refusal("http://:pass@crl.example.vn/")).toBe("REFUSED_CREDENTIALS");
    expect(refusal("not a url")).toBe("INVALID_URL");
    expect(refusal("http://[::1/")).toBe("INVALID_URL");
    expect(refusal("http://1.2.3.4.5/")).toBe("INVALID_URL");
  });

  it("drops the fragment", () => {
    expect(checkTarget("http://crl.example.vn/a.crl#x", CHECKED).href).toBe("http://crl.example.vn/a.crl");
  });
});
