// Run axe-core on local HTML pages in Chromium, at several viewport widths, and print
// the violations as JSON. Used by tests/browser/test_accessibility.py; run by hand with
//   node tests/browser/axe.mjs job.json
// where job.json is {"pages": ["/abs/path.html", ...], "widths": [1280, 320],
// "tags": ["wcag2a", ...], "chromium": "/usr/bin/chromium"}. One browser serves every page;
// each page is loaded once and checked at each width in turn (the viewport is resized).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const job = JSON.parse(readFileSync(process.argv[2], "utf8"));

const browser = await puppeteer.launch({
  executablePath: job.chromium,
  // headless: true is Chromium's current headless mode (--headless=new); no sandbox, as
  // CI runs as root. The pages are the project's own local files.
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  protocolTimeout: 600_000,
});
const results = [];
try {
  for (const path of job.pages) {
    const page = await browser.newPage();
    // Nothing published runs a script, and no page may fetch anything from the network.
    const requests = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:") && !request.url().startsWith("data:")) {
        requests.push(request.url());
      }
    });
    await page.setViewport({ width: job.widths[0], height: 900 });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load", timeout: 300_000 });
    await page.evaluate(axeSource);
    for (const width of job.widths) {
      await page.setViewport({ width, height: 900 });
      const outcome = await page.evaluate(
        async (tags) => {
          const run = await window.axe.run(document, {
            runOnly: { type: "tag", values: tags },
            resultTypes: ["violations"],
          });
          return {
            // the page's own width: wider than the viewport means it scrolls sideways
            scrollWidth: document.documentElement.scrollWidth,
            violations: run.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              helpUrl: v.helpUrl,
              targets: v.nodes.map((n) => n.target.join(" ")),
            })),
          };
        },
        job.tags,
      );
      results.push({ page: path, width, requests, ...outcome });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
