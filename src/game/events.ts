/** Scene keys and the data each scene starts with: the typed contract between the app shell and Phaser. */
import type { ConversationPort } from '../conversation/port';
import type { ScenarioSummary, Setting } from '../engine/runtime';

export const SCENES = {
  boot: 'boot',
  title: 'title',
  select: 'select',
  conversation: 'conversation',
  debrief: 'debrief',
} as const;
export type SceneKey = (typeof SCENES)[keyof typeof SCENES];

/** A performance mark, each time the title's picture is complete: the load benchmark reports it. */
export const TITLE_DRAWN = 'good-terms:title-drawn';

export interface SceneData {
  boot: undefined;
  /** reducedMotion: the app's setting (it can differ from the system's), so no face breathes or blinks. */
  title: { faces: ScenarioSummary['look'][]; reducedMotion: boolean };
  select: { highlighted: ScenarioSummary | undefined; reducedMotion: boolean };
  conversation: { conversation: ConversationPort; reducedMotion: boolean; showMeters: boolean };
  debrief: { setting: Setting };
}

/** The design canvas the art is drawn on; src/game/layout.ts maps it onto the real canvas. */
export const GAME_WIDTH = 1280;
export const GAME_HEIGHT = 720;
