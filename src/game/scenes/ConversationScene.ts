import Phaser from 'phaser';
import { type ConversationView, expressionFor, type PatientCue } from '../../engine/runtime';
import { drawBackdrop, MeterBar, PatientPortrait } from '../art';
import { SCENE_FOCUS_X, SCENES, type SceneData } from '../events';
import { announceReady } from './ready';

/**
 * Draws the patient and the meters as a projection of the conversation port: it reads views and cues,
 * never changes state, and draws a classroom room exactly as it draws local play.
 */
const METER_WIDTH = 250;

export class ConversationScene extends Phaser.Scene {
  private portrait!: PatientPortrait;
  private stress!: MeterBar;
  private trust!: MeterBar;
  private unsubscribe: (() => void)[] = [];

  constructor() {
    super(SCENES.conversation);
  }

  create(data: SceneData['conversation']): void {
    const { conversation, reducedMotion, showMeters } = data;
    const view = conversation.view();
    this.add.existing(drawBackdrop(this, conversation.bundle.scenario.setting));
    this.portrait = new PatientPortrait(this, SCENE_FOCUS_X, 420, conversation.bundle.persona.look);
    this.add.existing(this.portrait);
    // The meters' strip (y < 96) is kept clear by every backdrop; both end left of the DOM panel.
    this.stress = new MeterBar(this, 20, 18, 'stress', view.meters.stress, METER_WIDTH);
    this.trust = new MeterBar(this, 30 + METER_WIDTH, 18, 'trust', view.meters.trust, METER_WIDTH);
    // Assessment can hide the meters; they still exist so the scene code stays one path.
    this.add.existing(this.stress.setVisible(showMeters));
    this.add.existing(this.trust.setVisible(showMeters));
    this.setReducedMotion(reducedMotion);
    this.render(view, false);

    this.unsubscribe = [
      conversation.subscribe((next) => this.render(next, true)),
      conversation.onCue((cue) => this.react(cue)),
    ];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
    announceReady(this);
  }

  setReducedMotion(on: boolean): void {
    this.portrait.setReducedMotion(on);
    this.stress.setReducedMotion(on);
    this.trust.setReducedMotion(on);
  }

  private render(view: ConversationView, animate: boolean): void {
    this.portrait.setExpression(expressionFor(view.meters), animate);
    this.stress.setValue(view.meters.stress, animate);
    this.trust.setValue(view.meters.trust, animate);
  }

  private react(cue: PatientCue): void {
    if (cue.type !== 'reaction') return;
    if (cue.delta.stress >= 6 || cue.delta.trust <= -6) this.portrait.flinch();
    else if (cue.delta.trust >= 6 || cue.delta.stress <= -6) this.portrait.brighten();
  }

  private teardown(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }
}
