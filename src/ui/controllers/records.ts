/**
 * The trainee's records: my progress, the onboarding path and the certificate. Reads the store and the
 * content, hands the screens plain data, and carries out their intents (save the name, export, import,
 * the facilitator's "open every module"). Export and import code (with the record checks) loads on
 * first use.
 */
import { type ContentSource, scenarioTitles } from '../../content/source';
import type { Mode } from '../../engine/runtime';
import { SCENES } from '../../game/events';
import { loadProgressSettings, type ProgressStore, saveProgressSettings } from '../../progress';
import { type CheckedAttempt, verifyAttempts } from '../../progress/verify';
import type { Router } from '../router';
import { renderCertificate } from '../screens/certificateScreen';
import { renderCurriculum } from '../screens/curriculumScreen';
import { type ExportKind, renderProgress } from '../screens/progressScreen';

export interface RecordsDeps {
  router: Router;
  content: ContentSource;
  store: ProgressStore;
  toTitle: () => Promise<void>;
  /** The app's reduced-motion setting, for the scene behind these screens. */
  reducedMotion: () => boolean;
  play: (scenarioId: string, mode: Mode) => Promise<void>;
}

const loadTransfer = () => import('../../progress/exportImport');

/** Offers a file to the browser's downloads. */
function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export class RecordsController {
  /**
   * Verdicts already reached, by the record's whole text: the content cannot change under a running page,
   * so an attempt is replayed once, not on every visit to the library or the progress screen.
   */
  private readonly checked = new Map<string, CheckedAttempt>();

  constructor(private readonly deps: RecordsDeps) {}

  /** Every stored attempt, replayed against the current content: only what replays counts. */
  async checkedAttempts(): Promise<CheckedAttempt[]> {
    const { content, store } = this.deps;
    const attempts = (await store.attempts()).map((a) => ({ attempt: a, key: JSON.stringify(a) }));
    const unchecked = attempts.filter((a) => !this.checked.has(a.key));
    if (unchecked.length > 0) {
      const playable = new Set(content.scenarios().flatMap((e) => (e.summary ? [e.id] : [])));
      const verdicts = await verifyAttempts(
        unchecked.map((a) => a.attempt),
        async (id) => (playable.has(id) ? content.loadScenario(id) : undefined),
      );
      for (const [i, a] of unchecked.entries()) this.checked.set(a.key, verdicts[i] as CheckedAttempt);
    }
    return attempts.map((a) => this.checked.get(a.key) as CheckedAttempt);
  }

  async showProgress(message?: string): Promise<void> {
    const { store, content } = this.deps;
    const [attempts, profile, setAside] = await Promise.all([
      this.checkedAttempts(),
      store.profile(),
      store.setAside(),
    ]);
    await this.deps.router.show({
      screen: 'progress',
      scene: SCENES.title,
      data: { faces: [], reducedMotion: this.deps.reducedMotion() },
      title: 'My progress',
      panel: (overlay) =>
        renderProgress(overlay, {
          attempts,
          profile,
          setAside,
          storageNotice: store.notice,
          curriculum: content.curriculum(),
          titles: scenarioTitles(content),
          message,
          onSaveName: async (displayName) => {
            await store.setProfile({ displayName });
            await this.showProgress('Name saved.');
          },
          onExport: (kind) => this.exportRecords(kind),
          onImport: (file) => this.importRecords(file),
          onCertificate: () => this.showCertificate(),
          onDone: () => this.deps.toTitle(),
        }),
    });
  }

  /** Everything, as the JSON export: what the notice bar offers when progress lives only in memory. */
  exportEverything(): Promise<void> {
    return this.exportRecords('json');
  }

  private async exportRecords(kind: ExportKind): Promise<void> {
    const [transfer, attempts, profile] = await Promise.all([
      loadTransfer(),
      this.deps.store.attempts(),
      this.deps.store.profile(),
    ]);
    if (kind === 'json') {
      download(transfer.exportFileName('json'), 'application/json', transfer.toJsonExport(profile, attempts));
    } else {
      const csv =
        kind === 'attempts'
          ? transfer.toCsvAttempts(attempts, profile)
          : transfer.toCsvDecisions(attempts, profile);
      download(transfer.exportFileName(kind), 'text/csv;charset=utf-8', csv);
    }
  }

  /** Resolves with the error to show next to the file field, or shows the progress screen again. */
  private async importRecords(file: File): Promise<string | undefined> {
    const transfer = await loadTransfer();
    // The size decides before the file is read: a wrong multi-gigabyte file never reaches memory.
    const parsed = transfer.tooLargeToImport(file.size) ?? transfer.parseJsonImport(await file.text());
    const outcome = await transfer.importInto(this.deps.store, parsed);
    if (!outcome.ok) return outcome.error;
    await this.showProgress(
      `Imported ${outcome.added} attempt(s); ${outcome.skipped} already here were skipped.`,
    );
    return undefined;
  }

  async showCurriculum(): Promise<void> {
    const attempts = await this.checkedAttempts();
    await this.deps.router.show({
      screen: 'curriculum',
      scene: SCENES.title,
      data: { faces: [], reducedMotion: this.deps.reducedMotion() },
      title: 'Onboarding path',
      panel: (overlay) =>
        renderCurriculum(overlay, {
          curriculum: this.deps.content.curriculum(),
          attempts,
          titles: scenarioTitles(this.deps.content),
          unlockAll: loadProgressSettings().unlockAll,
          onUnlockAll: (unlockAll) => {
            saveProgressSettings({ ...loadProgressSettings(), unlockAll });
          },
          onPlay: (id, mode) => this.deps.play(id, mode),
          onCertificate: () => this.showCertificate(),
          onDone: () => this.deps.toTitle(),
        }),
    });
  }

  async showCertificate(): Promise<void> {
    const [attempts, profile] = await Promise.all([this.checkedAttempts(), this.deps.store.profile()]);
    await this.deps.router.show({
      screen: 'certificate',
      scene: SCENES.title,
      data: { faces: [], reducedMotion: this.deps.reducedMotion() },
      title: 'Certificate',
      panel: (overlay) =>
        renderCertificate(overlay, {
          curriculum: this.deps.content.curriculum(),
          attempts,
          profile,
          titles: scenarioTitles(this.deps.content),
          onPrint: () => window.print(),
          onDone: () => this.showProgress(),
        }),
    });
  }
}
