/**
 * The Content-Security-Policy, written once: the built site carries it as a meta tag (Vite plugin below),
 * the classroom server sends it as a header (where `frame-ancestors` works, which a meta tag cannot set),
 * and LMS packages embed the meta tag of the build they are made from.
 *
 * No inline script, no eval (zod, the one library that probes for eval, runs `jitless`), no plugins.
 * Images may be `data:`/`blob:` (Phaser makes its default textures that way; the canvas exports blobs);
 * media may be `blob:` (sounds decoded in the page).
 */
import type { Plugin } from 'vite';

const DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** The policy for a meta tag (no `frame-ancestors`: browsers ignore it there). */
export function contentSecurityPolicy(): string {
  return Object.entries(DIRECTIVES)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * The policy for an HTTP header: the same, plus who may frame the page. The website and the classroom
 * allow only themselves; an LMS frames its packages, so a package served with this header would name
 * the LMS's origin instead (see README, "Security and privacy").
 */
export function contentSecurityPolicyHeader(frameAncestors: string[] = ["'self'"]): string {
  return `${contentSecurityPolicy()}; frame-ancestors ${frameAncestors.join(' ')}`;
}

/** Adds the policy to every built HTML page (not to the dev server, whose module reloading injects styles). */
export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'good-terms-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
