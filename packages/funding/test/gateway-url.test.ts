import { describe, expect, it } from "vitest";
import { refuseGatewayUrl } from "../src/adapters/gateway-http.ts";

const dns = (addresses: Record<string, string[]>) => async (host: string) => {
  const found = addresses[host];
  if (!found) throw new Error("ENOTFOUND");
  return found;
};
const guarded = { allowPrivateAddresses: false };

describe("a gateway URL", () => {
  it("is refused when its host resolves to any internal address", async () => {
    const resolve = dns({
      "pay.example.com": ["93.184.216.34"],
      "split.example.com": ["93.184.216.34", "10.0.0.5"],
      "metadata.example.com": ["169.254.169.254"],
      "v6.example.com": ["fd00::1"],
    });
    expect(await refuseGatewayUrl("https://pay.example.com/fund", true, guarded, resolve)).toBeNull();
    expect(await refuseGatewayUrl("https://split.example.com/", true, guarded, resolve)).toMatch(/10\.0\.0\.5/);
    expect(await refuseGatewayUrl("https://metadata.example.com/", true, guarded, resolve)).toMatch(/not a public/);
    expect(await refuseGatewayUrl("https://v6.example.com/", true, guarded, resolve)).toMatch(/not a public/);
    expect(await refuseGatewayUrl("https://[::1]/", true, guarded, resolve)).toMatch(/not a public/);
    expect(await refuseGatewayUrl("https://nowhere.example.com/", true, guarded, resolve)).toMatch(/does not resolve/);
  });

  it("must be https in live mode, carry no credentials, and may be local when allowed", async () => {
    const resolve = async () => ["93.184.216.34"];
    expect(await refuseGatewayUrl("http://pay.example.com/", true, guarded, resolve)).toMatch(/https in live mode/);
    expect(await refuseGatewayUrl("http://pay.example.com/", false, guarded, resolve)).toBeNull();
    expect(await refuseGatewayUrl("https://a:b@pay.example.com/", false, guarded, resolve)).toMatch(/credentials/);
    expect(await refuseGatewayUrl("ftp://pay.example.com/", false, guarded, resolve)).toMatch(/http or https/);
    expect(await refuseGatewayUrl("http://127.0.0.1:9/", false, { allowPrivateAddresses: true })).toBeNull();
  });
});
