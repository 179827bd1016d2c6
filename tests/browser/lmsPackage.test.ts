/**
 * The built LMS packages as an LMS receives them: the manifest at the root validates against the vendored
 * IMS/ADL schemas with xmllint, every file it names exists with the exact case, identifiers are unique,
 * every entry is deflated, nothing is a server-side file type and nothing refers to the server root.
 * Packages the test build once per package kind.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACES, SCHEMAS } from '../../scripts/lms/manifest';
import { SCHEMA_DIR } from '../../scripts/lms/packager';
import { LMS_CONFIG_ID, parseLaunchConfig } from '../../src/lms/config';
import { buildTestPackage, type UnzippedPackage } from '../lms/packages';

const KINDS = [
  { format: 'scorm12', target: { kind: 'scenario', id: 's13-ed-cost-before-screening' }, mode: 'assessment' },
  {
    format: 'scorm2004',
    target: { kind: 'scenario', id: 's13-ed-cost-before-screening' },
    mode: 'assessment',
  },
  { format: 'scorm12', target: { kind: 'curriculum' }, mode: 'assessment' },
  { format: 'scorm2004', target: { kind: 'curriculum' }, mode: 'practice' },
] as const;

const attribute = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');

function filesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** The ZIP's central directory: name and compression method of every entry. */
function centralDirectory(zip: Uint8Array): { name: string; method: number }[] {
  const entries: { name: string; method: number }[] = [];
  unzipSync(zip, {
    filter: (file) => {
      entries.push({ name: file.name, method: file.compression });
      return false;
    },
  });
  return entries;
}

describe.each(KINDS)('LMS package $format $target.kind $mode', (kind) => {
  let pkg: UnzippedPackage;
  beforeAll(() => {
    pkg = buildTestPackage({ ...kind, mastery: undefined });
  }, 60_000);

  it('has imsmanifest.xml at the root, valid against the published schemas (xmllint)', () => {
    expect(
      spawnSync('xmllint', ['--version']).status,
      'xmllint is missing: apt-get install -y libxml2-utils',
    ).toBe(0);
    // xmllint validates against one schema: a wrapper that imports each namespace's schema from the package.
    const wrapper = join(pkg.dir, '.validate.xsd');
    writeFileSync(
      wrapper,
      `<?xml version="1.0"?>\n<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n${NAMESPACES[
        kind.format
      ]
        .map(([, uri, xsd]) => `  <xsd:import namespace="${uri}" schemaLocation="${xsd}"/>`)
        .join('\n')}\n</xsd:schema>\n`,
    );
    const run = spawnSync(
      'xmllint',
      ['--noout', '--nonet', '--schema', wrapper, join(pkg.dir, 'imsmanifest.xml')],
      {
        encoding: 'utf8',
      },
    );
    // The published SCORM 1.2 ims_xml.xsd has a known namespace flaw libxml2 reports and passes (schemas/README.md).
    const noise = run.stderr
      .split('\n')
      .filter((line) => line.trim() !== '')
      .filter(
        (line) =>
          !/ims_xml\.xsd:1: namespace error : xml namespace URI cannot be the default namespace/.test(line),
      )
      .filter((line) => !/^filename=ims_xml\.xsd -->|^\s*\^$/.test(line));
    expect(noise).toEqual([expect.stringMatching(/imsmanifest\.xml validates$/)]);
    expect(run.status).toBe(0);
  });

  it('names the schemas it needs and ships them unchanged beside the manifest', () => {
    const xml = pkg.manifest;
    const locations = (attribute(xml, 'xsi:schemaLocation')[0] ?? '')
      .split(/\s+/)
      .filter((_, i) => i % 2 === 1);
    for (const xsd of locations) expect(pkg.entries, xsd).toContain(xsd);
    for (const file of SCHEMAS[kind.format].files) {
      expect(readFileSync(join(pkg.dir, file))).toEqual(
        readFileSync(join(SCHEMA_DIR, SCHEMAS[kind.format].dir, file)),
      );
    }
  });

  it('lists every file of the SCO, each present with its exact case, and nothing else', () => {
    const hrefs = attribute(pkg.manifest, 'href');
    expect(hrefs[0]).toBe('index.html');
    const onDisk = new Set(filesIn(pkg.dir));
    for (const href of hrefs) {
      expect(href, 'no leading slash').not.toMatch(/^\//);
      expect(onDisk.has(href), `${href} is in the package with this exact case`).toBe(true);
    }
    const control = new Set(['imsmanifest.xml', '.validate.xsd', ...SCHEMAS[kind.format].files]);
    expect([...onDisk].filter((f) => !control.has(f)).sort()).toEqual([...new Set(hrefs.slice(1))].sort());
    expect(pkg.entries.filter((e) => e.startsWith('assets/') && /phaser/.test(e))).toHaveLength(1);
  });

  it('has unique identifiers, and every reference points at one', () => {
    const ids = attribute(pkg.manifest, 'identifier');
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of [...attribute(pkg.manifest, 'identifierref'), ...attribute(pkg.manifest, 'default')]) {
      expect(ids).toContain(ref);
    }
    expect(pkg.manifest).toMatch(
      kind.format === 'scorm12' ? /adlcp:scormtype="sco"/ : /adlcp:scormType="sco"/,
    );
    expect(pkg.manifest).not.toMatch(/imsss:sequencing|adlseq:/);
  });

  it('states the mastery score only where the LMS cannot contradict the package', () => {
    const stated = /<adlcp:masteryscore>(\d+)<\/adlcp:masteryscore>/.exec(pkg.manifest)?.[1];
    const expected =
      kind.format === 'scorm12' && kind.target.kind === 'scenario' && kind.mode === 'assessment'
        ? '80'
        : undefined;
    expect(stated).toBe(expected);
  });

  it('is deflated throughout, with no server-side file types', () => {
    const entries = centralDirectory(pkg.zip);
    expect(entries.length).toBe(pkg.entries.length);
    expect(entries.filter((e) => e.method !== 8)).toEqual([]);
    expect(
      entries
        .map((e) => e.name)
        .filter((n) => /\.(php\d?|aspx?|jsp|cgi|pl|py|rb|sh|exe|bat)$|htaccess/i.test(n)),
    ).toEqual([]);
  });

  it('carries its launch config in index.html, and refers to nothing from the server root', () => {
    const html = readFileSync(join(pkg.dir, 'index.html'), 'utf8');
    const text = new RegExp(`<script type="application/json" id="${LMS_CONFIG_ID}">([^<]*)</script>`).exec(
      html,
    )?.[1];
    expect(parseLaunchConfig(text ?? '')).toEqual({
      format: kind.format,
      target: kind.target,
      mode: kind.mode,
      mastery: kind.target.kind === 'scenario' ? 80 : undefined,
    });
    for (const file of filesIn(pkg.dir).filter((f) => /\.(html|css)$/.test(f))) {
      const content = readFileSync(join(pkg.dir, file), 'utf8');
      expect(content, file).not.toMatch(/\b(?:href|src)=["']\/(?!\/)|url\(\s*["']?\/(?!\/)/);
    }
  });
});
