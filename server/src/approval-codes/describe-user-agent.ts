/** The longest browser or operating system description kept; a forged header is cut short. */
export const DESCRIPTION_MAX = 64;

// Most specific first: Edge and Opera say "Chrome" too, and Chrome says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/\b(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows NT\b/, 'Windows'],
  [/\biPad\b/, 'iPadOS'],
  [/\b(?:iPhone|iPod)\b/, 'iOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bMac OS X\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * What the approver is shown about the browser that asked for a code: its name and major version,
 * and its operating system. It is what the browser says about itself, so a hint, not a proof; the
 * code itself is what binds the approval to the device.
 */
export function describeUserAgent(userAgent: string | undefined): {
  browser: string;
  operatingSystem: string;
} {
  const ua = (userAgent ?? '').slice(0, 1024);
  let browser = 'Unknown browser';
  for (const [pattern, name] of BROWSERS) {
    const m = pattern.exec(ua);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const operatingSystem = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'Unknown operating system';
  return { browser: browser.slice(0, DESCRIPTION_MAX), operatingSystem };
}
