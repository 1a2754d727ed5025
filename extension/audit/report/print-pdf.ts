/**
 * report.pdf / 月报.pdf: the HTML report printed by Chromium (page.pdf), after its charts have drawn
 * (the page sets data-charts="ready"). A4, backgrounds printed, CJK fonts from the system (fonts-noto-cjk).
 */
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export async function printPdf(
  htmlFile: string,
  pdfFile: string,
  executablePath = "/usr/bin/chromium",
): Promise<string> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: "load" });
    await page
      .waitForFunction("document.documentElement.dataset.charts === 'ready'", undefined, { timeout: 30_000 })
      .catch(() => {});
    await page.emulateMedia({ media: "print" });
    await page.pdf({
      path: pdfFile,
      format: "A4",
      landscape: true,
      printBackground: true,
      margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" },
    });
    return pdfFile;
  } finally {
    await browser.close();
  }
}
