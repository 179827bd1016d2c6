/**
 * The app: composes the router, the controllers and the services they share, and owns navigation
 * between the menus (title, select, settings, accessibility). Playing lives in PlayController, the
 * trainee's records in RecordsController; screens get data and intents only.
 */
import type Phaser from 'phaser';
import { libraryGroups } from '../content/order';
import type { ContentSource } from '../content/source';
import { SCENES } from '../game/events';
import type { SelectScene } from '../game/scenes/SelectScene';
import { type InProgress, type ProgressStore, scenarioStatuses } from '../progress';
import type { Announcer } from './announcer';
import { PlayController } from './controllers/play';
import { RecordsController } from './controllers/records';
import { NoticeBar } from './noticeBar';
import { Router } from './router';
import { renderAccessibility } from './screens/accessibilityScreen';
import { EMPTY_LIBRARY_VIEW, type LibraryView, renderSelect } from './screens/selectScreen';
import { renderSettings } from './screens/settingsScreen';
import { renderTitle } from './screens/titleScreen';
import { applySettings, effectiveReducedMotion, type Settings, saveSettings } from './settings';
import { SoundBoard } from './sound';
import { type TabMemory, tabMemory } from './tabMemory';
import type { PlaySettings, ScreenName } from './types';

export interface AppServices {
  game: Phaser.Game;
  overlay: HTMLElement;
  noticeBar: HTMLElement;
  announcer: Announcer;
  store: ProgressStore;
  content: ContentSource;
  settings: Settings;
  /** A fixed seed (from the URL) makes every attempt replay the same patient. */
  fixedSeed: number | undefined;
}

export class App {
  readonly router: Router;
  readonly playing: PlayController;
  readonly records: RecordsController;
  readonly notices: NoticeBar;
  private settings: Settings;
  private readonly tab: TabMemory = tabMemory();
  private readonly sound: SoundBoard;
  /** The library's filters, kept while the page lives so "choose another scenario" returns to them. */
  private library: LibraryView = EMPTY_LIBRARY_VIEW;

  constructor(private readonly services: AppServices) {
    this.settings = services.settings;
    applySettings(this.settings);
    this.sound = new SoundBoard(this.settings.sound);
    this.router = new Router(services.game, services.overlay);
    this.notices = new NoticeBar(services.noticeBar, services.store, {
      exportNow: () => this.records.exportEverything(),
    });
    this.playing = new PlayController({
      router: this.router,
      content: services.content,
      store: services.store,
      announcer: services.announcer,
      settings: () => this.settings,
      fixedSeed: services.fixedSeed,
      toSelect: (notice) => this.showSelect(notice),
      rememberTabAttempt: (entry, survivesReload) => this.tab.remember(entry, { survivesReload }),
      sound: this.sound,
      onSoundChange: (sound) => this.updateSettings({ ...this.settings, sound }),
    });
    this.records = new RecordsController({
      router: this.router,
      content: services.content,
      store: services.store,
      toTitle: () => this.showTitle(),
      reducedMotion: () => effectiveReducedMotion(this.settings),
      play: (id, mode) => {
        this.updateSettings({ ...this.settings, play: { ...this.settings.play, mode } });
        return this.playing.start(id, { mode });
      },
    });
  }

  get game(): Phaser.Game {
    return this.services.game;
  }

  get screen(): ScreenName | 'starting' {
    return this.router.screen;
  }

  get play(): PlaySettings {
    return this.settings.play;
  }

  private updateSettings(settings: Settings): void {
    this.settings = settings;
    saveSettings(settings);
    applySettings(settings);
    this.sound.setEnabled(settings.sound);
  }

  /** Menus hold no session: leaving play for one stops it (its record stays saved). */
  private leavePlay(): void {
    this.playing.release();
  }

  /** `stored`: the unfinished conversations when the caller has read them already (at start-up). */
  async showTitle(message?: string, stored?: readonly InProgress[]): Promise<void> {
    this.leavePlay();
    const { content, store } = this.services;
    const faces = content.scenarios().flatMap((e) => (e.summary ? [e.summary.look] : []));
    const unfinished = this.tab.ownFirst(stored ?? (await store.unfinished()));
    const shown = await this.router.show({
      screen: 'title',
      scene: SCENES.title,
      data: { faces, reducedMotion: effectiveReducedMotion(this.settings) },
      title: '',
      panel: (overlay) =>
        renderTitle(overlay, {
          unfinished,
          ownAttemptId: this.tab.current(),
          notices: [message].filter((n): n is string => Boolean(n)),
          onStart: () => this.showSelect(),
          onResume: (entry) => this.resume(entry),
          onDiscard: async (entry) => {
            this.forget(entry);
            await store.clearInProgress(entry.attemptId);
            await this.showTitle();
          },
          onPath: () => this.records.showCurriculum(),
          onProgress: () => this.records.showProgress(),
          onSettings: () => this.showSettings(),
          onAccessibility: () => this.showAccessibility(),
        }),
    });
    if (shown && message) this.services.announcer.say(message);
  }

  async resume(entry: InProgress): Promise<void> {
    const result = await this.playing.resume(entry);
    if (result.ok) return;
    this.forget(entry);
    await this.showTitle(`${result.reason} You can start it again from the list.`);
  }

  /** A conversation this tab will not continue: its own copy goes too, so it is not offered again. */
  private forget(entry: InProgress): void {
    if (entry.attemptId === this.tab.current()) this.tab.remember(undefined);
  }

  async showSelect(notice?: string): Promise<void> {
    this.leavePlay();
    const { content, store } = this.services;
    const groups = libraryGroups(content.scenarios(), content.curriculum());
    // Replayed attempts only: an edited record must not mark a scenario passed here either.
    const [attempts, unfinished] = await Promise.all([this.records.checkedAttempts(), store.unfinished()]);
    const statuses = scenarioStatuses(attempts, unfinished);
    const entries = groups.flatMap((g) => g.entries);
    const highlighted = (entries.find((e) => e.id === this.library.open) ?? entries.find((e) => e.summary))
      ?.summary;
    await this.router.show({
      screen: 'select',
      scene: SCENES.select,
      data: { highlighted, reducedMotion: effectiveReducedMotion(this.settings) },
      title: 'Choose a scenario',
      panel: (overlay) =>
        renderSelect(overlay, {
          groups,
          statuses,
          play: this.play,
          view: this.library,
          notice,
          onPlayChange: (play) => this.updateSettings({ ...this.settings, play }),
          onViewChange: (view) => {
            this.library = view;
          },
          onHighlight: (summary) => this.selectScene()?.showScenario(summary),
          onStart: (id) => {
            this.library = { ...this.library, open: undefined };
            return this.playing.start(id);
          },
          onReplayCode: (code) => this.playing.openReplayCode(code),
          onBack: () => this.showTitle(),
        }),
    });
  }

  async showSettings(): Promise<void> {
    this.leavePlay();
    await this.router.show({
      screen: 'settings',
      scene: SCENES.title,
      data: { faces: [], reducedMotion: effectiveReducedMotion(this.settings) },
      title: 'Settings',
      panel: (overlay) =>
        renderSettings(overlay, {
          settings: this.settings,
          onChange: (settings) => this.updateSettings(settings),
          onDone: () => this.showTitle(),
        }),
    });
  }

  async showAccessibility(): Promise<void> {
    this.leavePlay();
    await this.router.show({
      screen: 'accessibility',
      scene: SCENES.title,
      data: { faces: [], reducedMotion: effectiveReducedMotion(this.settings) },
      title: 'Accessibility',
      panel: (overlay) => renderAccessibility(overlay, { onDone: () => this.showTitle() }),
    });
  }

  private selectScene(): SelectScene | undefined {
    const { game } = this.services;
    return game.scene.isActive(SCENES.select)
      ? (game.scene.getScene(SCENES.select) as SelectScene)
      : undefined;
  }
}
