/**
 * A stand-in LMS for browser tests: a local static server whose host page runs scorm-again as the LMS API
 * (with every call recorded) and launches an unzipped package in an iframe, the way an LMS player does.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { ScormVersion } from '../../src/lms/config';
import { type LmsCall, recordCalls } from './callLog';

const SCORM_AGAIN = new URL('../../node_modules/scorm-again/dist/', import.meta.url).pathname;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.json': 'application/json',
};

const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS host</title><link rel="icon" href="data:,">
<script src="/scorm-again/scorm12.js"></script><script src="/scorm-again/scorm2004.js"></script>
</head><body></body></html>`;

export interface LmsHost {
  url: string;
  close(): Promise<void>;
}

/** Serves the host page at /, scorm-again at /scorm-again/ and each package at /pkg/<name>/. */
export async function startHost(packages: Record<string, string>): Promise<LmsHost> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      response.writeHead(200, { 'content-type': TYPES['.html'] ?? '' }).end(HOST_PAGE);
      return;
    }
    const [, area, name, ...rest] = path.split('/');
    const base = area === 'scorm-again' ? SCORM_AGAIN : area === 'pkg' && name ? packages[name] : undefined;
    const file = base
      ? normalize(join(base, area === 'scorm-again' ? [name, ...rest].join('/') : rest.join('/')))
      : '';
    if (!base || !file.startsWith(base) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface ScormAgainApi {
  loadFromJSON(json: object): void;
  renderCMIToJSONObject(): { cmi: Record<string, unknown> };
}

declare global {
  interface Window {
    __lmsCalls?: LmsCall[];
    /** What the LMS has stored for the learner, in scorm-again's JSON form (to relaunch with). */
    __lmsStored?: () => Record<string, unknown>;
    Scorm12API?: new (settings: object) => ScormAgainApi;
    Scorm2004API?: new (settings: object) => ScormAgainApi;
  }
}

export interface Launch {
  format: ScormVersion;
  /** The package's folder name under /pkg/. */
  pkg: string;
  /** What the LMS has stored for the learner (scorm-again's JSON form of the CMI). */
  cmi: object;
  seed: number;
}

/** Opens the host page, installs the recorded API and launches the package; returns the package's frame. */
export async function launchPackage(page: Page, host: LmsHost, launch: Launch): Promise<Frame> {
  await page.goto(host.url);
  await page.evaluate(
    ({ launch, recorder }) => {
      const record = new Function(`return (${recorder})`)() as typeof recordCalls;
      const Api = launch.format === 'scorm12' ? window.Scorm12API : window.Scorm2004API;
      if (!Api) throw new Error('scorm-again did not load');
      const api = new Api({ logLevel: 5, autocommit: false });
      api.loadFromJSON(launch.cmi);
      const calls: LmsCall[] = [];
      window.__lmsCalls = calls;
      window.__lmsStored = () => api.renderCMIToJSONObject().cmi;
      (window as unknown as Record<string, unknown>)[launch.format === 'scorm12' ? 'API' : 'API_1484_11'] =
        record(api, calls);
      const frame = document.createElement('iframe');
      frame.id = 'sco';
      frame.title = 'Course';
      frame.style.width = '1280px';
      frame.style.height = '720px';
      frame.src = `/pkg/${launch.pkg}/index.html?seed=${launch.seed}`;
      document.body.append(frame);
    },
    { launch, recorder: recordCalls.toString() },
  );
  const frame = await (await page.waitForSelector('#sco')).contentFrame();
  if (!frame) throw new Error('the package frame did not open');
  return frame;
}

/** Closes the package the way a learner leaving the LMS player does (its page hides), and waits for the finish. */
export async function closePackage(page: Page, format: ScormVersion): Promise<LmsCall[]> {
  await page.evaluate(() => document.getElementById('sco')?.remove());
  const finish = format === 'scorm12' ? 'LMSFinish' : 'Terminate';
  await page.waitForFunction((name) => window.__lmsCalls?.some((c) => c.fn === name), finish, {
    polling: 50,
  });
  return page.evaluate(() => window.__lmsCalls ?? []);
}
