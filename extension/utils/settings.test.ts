import { describe, expect, it } from "vitest";
import { resolveLang } from "./i18n.ts";
import { report12315Link } from "./report.ts";
import { checkServiceUrl, originPattern } from "./settings.ts";

describe("checkServiceUrl", () => {
  it.each([
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["http://localhost:8787/", "http://localhost:8787"],
    [" https://xinbiao.example/ ", "https://xinbiao.example"],
    ["https://credit.example.cn/xinbiao/", "https://credit.example.cn/xinbiao"],
  ])("accepts %s", (input, url) => {
    expect(checkServiceUrl(input)).toEqual({ ok: true, url });
  });
  it.each([
    ["", "不是有效的网址"],
    ["127.0.0.1:8787", "不是有效的网址"],
    ["localhost:8787", "只支持 http 或 https 地址"],
    ["ftp://x.example", "只支持 http 或 https 地址"],
    ["http://xinbiao.example", "非本机服务必须使用 https"],
    ["https://u:p@xinbiao.example", "网址中不能包含用户名或密码"],
    ["https://xinbiao.example/?shop=1", "网址中不能包含查询参数"],
  ])("rejects %s with a clear message", (input, zh) => {
    expect(checkServiceUrl(input)).toMatchObject({ ok: false, zh });
  });
  it("asks for the host's permission pattern, any port", () => {
    expect(originPattern("https://credit.example.cn:8443/x")).toBe("https://credit.example.cn/*");
  });
});

it("picks Chinese unless the browser is explicitly not Chinese", () => {
  expect(resolveLang("auto", "zh-CN")).toBe("zh");
  expect(resolveLang("auto", undefined)).toBe("zh");
  expect(resolveLang("auto", "en-US")).toBe("en");
  expect(resolveLang("en", "zh-CN")).toBe("en");
});

it("prefills the 12315 report with the merchant and the shop", () => {
  const u = new URL(
    report12315Link({
      merchantName: "瑞昌栖榉数码科技有限公司",
      platform: "jd",
      shopId: "1000003",
      pageUrl: "https://mall.jd.com/index-1000003.html",
    }),
  );
  expect(u.origin).toBe("https://www.12315.cn");
  expect(u.searchParams.get("keyword")).toBe("瑞昌栖榉数码科技有限公司 京东店铺 1000003");
  expect(u.searchParams.get("url")).toBe("https://mall.jd.com/index-1000003.html");
});
