import { chromium } from 'playwright-core';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(url);
await page.waitForSelector('[data-testid="filter-editor"] .monaco-editor');
await page.click('[data-testid="filter-editor"] .monaco-editor');
await page.keyboard.type('ip.sr');
await page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor();
const info = await page.evaluate(() => {
  const row = document.querySelector('.suggest-widget.visible .monaco-list-row');
  const out = [];
  for (const el of row.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    out.push(`${el.className} | ${cs.fontSize} ${cs.fontFamily.slice(0,30)} ${cs.color} h=${el.getBoundingClientRect().height} w=${el.getBoundingClientRect().width} txt=${el.childNodes.length && el.childNodes[0].nodeType===3 ? el.textContent.slice(0,20) : ''}`);
  }
  return out.join('\n');
});
console.log(info);
await page.locator('.suggest-widget').screenshot({ path: '/tmp/suggest.png' });
await browser.close();
