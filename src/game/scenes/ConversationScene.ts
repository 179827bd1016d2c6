import Phaser from 'phaser';
import type { ConversationPort } from '../../conversation/port';
import { type ConversationView, expressionFor, type PatientCue } from '../../engine/runtime';
import {
  drawBackdrop,
  METER_HEIGHT,
  MeterBar,
  type MeterKind,
  PatientPortrait,
  PORTRAIT_ANCHOR,
} from '../art';
import { SCENES, type SceneData } from '../events';
import { layoutOf, placeMeters } from '../layout';
import { keepFramed, PORTRAIT_SUBJECT } from './framing';
import { announceReady } from './ready';

/**
 * Draws the patient and the meters as a projection of the conversation port: it reads views and cues,
 * never changes state, and draws a classroom room exactly as it draws local play. The meters sit at the
 * top of the part of the canvas the panel leaves free, sized to it; the patient is framed below them.
 */
export class ConversationScene extends Phaser.Scene {
  private portrait!: PatientPortrait;
  private meters: Record<MeterKind, MeterBar> | undefined;
  private conversation!: ConversationPort;
  private showMeters = true;
  private reducedMotion = false;
  private unsubscribe: (() => void)[] = [];

  constructor() {
    super(SCENES.conversation);
  }

  create(data: SceneData['conversation']): void {
    const { conversation, reducedMotion, showMeters } = data;
    this.conversation = conversation;
    this.showMeters = showMeters;
    this.reducedMotion = reducedMotion;
    this.meters = undefined;
    const backdrop = drawBackdrop(this, conversation.bundle.scenario.setting);
    this.portrait = new PatientPortrait(
      this,
      PORTRAIT_ANCHOR.x,
      PORTRAIT_ANCHOR.y,
      conversation.bundle.persona.look,
    );
    const world = this.add.container(0, 0, [backdrop, this.portrait]);
    keepFramed(
      this,
      world,
      PORTRAIT_SUBJECT,
      () => (this.showMeters ? this.meterPlacement().height : 0),
      () => this.placeMeters(),
    );
    this.setReducedMotion(reducedMotion);
    this.render(conversation.view(), false);
    this.portrait.paintFacesAhead();

    this.unsubscribe = [
      conversation.subscribe((next) => this.render(next, true)),
      conversation.onCue((cue) => this.react(cue)),
    ];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
    announceReady(this);
  }

  setReducedMotion(on: boolean): void {
    this.reducedMotion = on;
    this.portrait.setReducedMotion(on);
    this.meters?.stress.setReducedMotion(on);
    this.meters?.trust.setReducedMotion(on);
  }

  private meterPlacement() {
    const { width, height } = this.scale.gameSize;
    return placeMeters(layoutOf(this), { width, height }, METER_HEIGHT);
  }

  /**
   * A meter's card is drawn for its width, so a new width makes new meters (showing the current values,
   * without animation); a new position or scale only moves them.
   */
  private placeMeters(): void {
    const place = this.meterPlacement();
    if (this.meters && this.meters.stress.barWidth !== place.width) {
      this.meters.stress.destroy();
      this.meters.trust.destroy();
      this.meters = undefined;
    }
    if (!this.meters) {
      const { meters } = this.conversation.view();
      const make = (kind: MeterKind): MeterBar => {
        const bar = new MeterBar(this, 0, 0, kind, meters[kind], place.width);
        // Assessment can hide the meters; they still exist so the scene code stays one path.
        this.add.existing(bar.setVisible(this.showMeters));
        return bar.setReducedMotion(this.reducedMotion);
      };
      this.meters = { stress: make('stress'), trust: make('trust') };
    }
    this.meters.stress.setScale(place.scale).setPosition(place.stress.x, place.stress.y);
    this.meters.trust.setScale(place.scale).setPosition(place.trust.x, place.trust.y);
  }

  private render(view: ConversationView, animate: boolean): void {
    this.portrait.setExpression(expressionFor(view.meters), animate);
    this.meters?.stress.setValue(view.meters.stress, animate);
    this.meters?.trust.setValue(view.meters.trust, animate);
  }

  private react(cue: PatientCue): void {
    if (cue.type !== 'reaction') return;
    if (cue.delta.stress >= 6 || cue.delta.trust <= -6) this.portrait.flinch();
    else if (cue.delta.trust >= 6 || cue.delta.stress <= -6) this.portrait.brighten();
  }

  private teardown(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.meters = undefined;
  }
}
