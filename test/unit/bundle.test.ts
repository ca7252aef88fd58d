/**
 * The processes' bundles (scripts/bundle.ts), as `npm test`'s build just made them: Apollo Gateway's chunk leaves out
 * what the hub turns off or replaces (its telemetry to Apollo, its default fetcher, run-time composition), which was
 * more than half of it and a quarter of a second of every gateway's start. The gateway's tests show nothing it needs
 * was left out; this shows the left-out parts stay out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../lib/project-root.js';

const bundleDir = projectPath('dist/bundle');
const chunk = (prefix: string) => {
  const name = readdirSync(bundleDir).find((f) => f.startsWith(prefix) && f.endsWith('.mjs'));
  if (!name) throw new Error(`no ${prefix}*.mjs in dist/bundle: run npm run build`);
  return readFileSync(`${bundleDir}/${name}`, 'utf8');
};

describe("Apollo Gateway's bundle", () => {
  const apollo = chunk('apollo-engine-');

  it('holds a stand-in for each part left out, saying why if it is ever reached', () => {
    for (const left of ['@opentelemetry/sdk-metrics', '@opentelemetry/exporter-metrics-otlp-http', 'make-fetch-happen', '@apollo/composition']) {
      expect(apollo.includes(`${left} is left out of the bundle (scripts/bundle.ts)`), left).toBe(true);
    }
  });

  it('is under 1.5 MB (3.7 MB with the parts left out)', () => {
    expect(Buffer.byteLength(apollo)).toBeLessThan(1_500_000);
    // Nor bundled some other way: OpenTelemetry's exporters and the default fetcher's cache (cacache) are absent.
    for (const code of ['OTLPExporterBase', 'cacache']) expect(apollo.includes(code), code).toBe(false);
  });
});

describe("pg's socket in the bundles", () => {
  it("is Node's own, without pg's Cloudflare probe (a fetch Response, which loads undici at every process's start)", () => {
    const bundles = readdirSync(bundleDir)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(`${bundleDir}/${f}`, 'utf8'));
    // pg's probe builds `new Response(null, { cf: { thing: true } })`; minified, `cf:{thing:!0}`.
    expect(bundles.filter((code) => code.includes('cf:{thing')).length).toBe(0);
    expect(bundles.filter((code) => /getStream:\(\)=>new\(\w*require\("net"\)\)\.Socket/.test(code)).length).toBe(1);
  });
});
