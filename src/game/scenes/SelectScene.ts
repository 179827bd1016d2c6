import Phaser from 'phaser';
import type { ScenarioSummary } from '../../engine/runtime';
import { drawBackdrop, PatientPortrait } from '../art';
import { SCENE_FOCUS_X, SCENES, type SceneData } from '../events';
import { requestRender } from '../renderOnDemand';
import { announceReady } from './ready';

/** Shows the setting and patient of the scenario the trainee is looking at in the list. */
export class SelectScene extends Phaser.Scene {
  private preview: Phaser.GameObjects.Container | undefined;
  private shownId: string | undefined;

  constructor() {
    super(SCENES.select);
  }

  create(data: SceneData['select']): void {
    this.preview = undefined;
    this.shownId = undefined;
    this.showScenario(data.highlighted);
    announceReady(this);
  }

  showScenario(summary: ScenarioSummary | undefined): void {
    if (!summary || summary.id === this.shownId) return;
    this.shownId = summary.id;
    this.preview?.destroy(true);
    const backdrop = drawBackdrop(this, summary.setting);
    const portrait = new PatientPortrait(this, SCENE_FOCUS_X, 420, summary.look);
    this.preview = this.add.container(0, 0, [backdrop, portrait]);
    requestRender(this);
  }
}
