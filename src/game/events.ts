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

export interface SceneData {
  boot: undefined;
  title: { faces: ScenarioSummary['look'][] };
  select: { highlighted: ScenarioSummary | undefined };
  conversation: { conversation: ConversationPort; reducedMotion: boolean; showMeters: boolean };
  debrief: { setting: Setting };
}

export const GAME_WIDTH = 1280;
export const GAME_HEIGHT = 720;
/** The DOM panel covers the right side of the stage; scenes keep their focal point in the left part. */
export const SCENE_FOCUS_X = 330;
