import Phaser from 'phaser';
import type { ScenarioSummary } from '../../engine/runtime';
import { drawBackdrop, PatientPortrait, PORTRAIT_ANCHOR } from '../art';
import { SCENES, type SceneData } from '../events';
import { requestRender } from '../renderOnDemand';
import { keepFramed, PORTRAIT_SUBJECT } from './framing';
import { announceReady } from './ready';

/** Shows the setting and patient of the scenario the trainee is looking at in the list. */
export class SelectScene extends Phaser.Scene {
  private world!: Phaser.GameObjects.Container;
  private shownId: string | undefined;
  private reducedMotion = false;

  constructor() {
    super(SCENES.select);
  }

  create(data: SceneData['select']): void {
    this.shownId = undefined;
    this.reducedMotion = data.reducedMotion;
    this.world = this.add.container(0, 0);
    keepFramed(this, this.world, PORTRAIT_SUBJECT);
    this.showScenario(data.highlighted);
    announceReady(this);
  }

  showScenario(summary: ScenarioSummary | undefined): void {
    if (!summary || summary.id === this.shownId) return;
    this.shownId = summary.id;
    this.world.removeAll(true);
    const backdrop = drawBackdrop(this, summary.setting);
    const portrait = new PatientPortrait(
      this,
      PORTRAIT_ANCHOR.x,
      PORTRAIT_ANCHOR.y,
      summary.look,
    ).setReducedMotion(this.reducedMotion);
    this.world.add([backdrop, portrait]);
    requestRender(this);
  }
}
