/**
 * What a conversation sounds like: room tone at the front desk, a ring as a call begins, a chime when a
 * choice moves the meters. Each sound marks something the screen shows too; with the meters hidden
 * (assessment) there is no chime, so a sound never tells what the screen does not.
 */
import type { ConversationPort } from '../conversation/port';
import type { SoundBoard } from './sound';

export function soundscape(
  conversation: ConversationPort,
  sound: SoundBoard,
  showMeters: boolean,
): () => void {
  const { setting } = conversation.bundle.scenario;
  if (setting === 'front-desk') void sound.startAmbience('front-desk');
  if ((setting === 'phone-inbound' || setting === 'phone-outbound') && conversation.view().turn === 0) {
    sound.play('ring');
  }
  const off = conversation.onCue((cue) => {
    if (cue.type === 'reaction' && showMeters && (cue.delta.stress !== 0 || cue.delta.trust !== 0)) {
      sound.play('chime');
    }
  });
  return () => {
    off();
    sound.stopAmbience();
  };
}
