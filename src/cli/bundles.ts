import { fileContentSource } from '../content/fileSource';
import { formatDiagnostic } from '../engine/authoring/loader';
import type { ScenarioBundle } from '../engine/runtime/types';
import { fail } from './args';

/** The valid scenarios (one when an id is given). Broken content is reported, not thrown. */
export function bundlesFor(id: string | undefined): ScenarioBundle[] {
  const { library } = fileContentSource();
  const broken = library.scenarios.filter((s) => !s.ok);
  if (library.catalogueDiagnostics.length)
    fail(library.catalogueDiagnostics.map(formatDiagnostic).join('\n'));
  const bundles = library.scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
  if (id === undefined) {
    for (const s of broken)
      if (!s.ok)
        console.error(`skipping ${s.file}: it has ${s.diagnostics.length} problem(s); run npm run validate`);
    return bundles;
  }
  const found = bundles.find((b) => b.scenario.id === id);
  if (found) return [found];
  const bad = broken.find((s) => !s.ok && s.id === id);
  if (bad && !bad.ok) fail(bad.diagnostics.map(formatDiagnostic).join('\n'));
  return fail(`no scenario "${id}"; known: ${bundles.map((b) => b.scenario.id).join(', ')}`);
}
