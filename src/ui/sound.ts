/**
 * Sound: a phone ring when a call scenario starts, a soft chime when the meters move, and room tone at
 * the front desk. Off unless the trainee turns it on (Settings, or the sound button during a
 * conversation); never the only way something is told (what a sound marks is on screen and in the live
 * region too). The files are made by scripts/make-assets.ts and served from assets/ by Vite; nothing
 * is fetched or decoded until sound is first turned on.
 */
import chimeUrl from '../../assets/sounds/chime.wav';
import frontDeskUrl from '../../assets/sounds/front-desk.wav';
import ringUrl from '../../assets/sounds/phone-ring.wav';

export type SoundCue = 'ring' | 'chime';
export type Ambience = 'front-desk';

const URLS: Record<SoundCue | Ambience, string> = {
  ring: ringUrl,
  chime: chimeUrl,
  'front-desk': frontDeskUrl,
};

const CUE_VOLUME = 0.6;
const AMBIENCE_VOLUME = 0.35;

export class SoundBoard {
  private context: AudioContext | undefined;
  private readonly buffers = new Map<string, Promise<AudioBuffer | undefined>>();
  private ambience: { kind: Ambience; source: AudioBufferSourceNode | undefined } | undefined;
  private generation = 0;

  constructor(private on: boolean) {}

  get enabled(): boolean {
    return this.on;
  }

  setEnabled(on: boolean): void {
    this.on = on;
    if (on) {
      void this.audio()?.resume();
      const wanted = this.ambience?.kind;
      if (wanted) void this.startAmbience(wanted);
    } else {
      this.stopSource();
    }
  }

  play(cue: SoundCue): void {
    if (!this.on) return;
    void this.buffer(cue).then((buffer) => {
      const context = this.context;
      if (!buffer || !context || !this.on) return;
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(this.gain(CUE_VOLUME));
      source.start();
    });
  }

  /** Room tone for the scene until `stopAmbience` (kept in mind while sound is off, started when on). */
  async startAmbience(kind: Ambience): Promise<void> {
    this.stopSource();
    const mine = ++this.generation;
    this.ambience = { kind, source: undefined };
    if (!this.on) return;
    const buffer = await this.buffer(kind);
    const context = this.context;
    if (!buffer || !context || mine !== this.generation || !this.on) return;
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.loop = true;
    source.connect(this.gain(AMBIENCE_VOLUME));
    source.start();
    this.ambience = { kind, source };
  }

  stopAmbience(): void {
    this.generation += 1;
    this.stopSource();
    this.ambience = undefined;
  }

  private stopSource(): void {
    this.ambience?.source?.stop();
    if (this.ambience) this.ambience.source = undefined;
  }

  private audio(): AudioContext | undefined {
    if (!this.context && typeof AudioContext !== 'undefined') this.context = new AudioContext();
    return this.context;
  }

  private gain(volume: number): AudioNode {
    const context = this.audio() as AudioContext;
    const node = context.createGain();
    node.gain.value = volume;
    node.connect(context.destination);
    return node;
  }

  /** Fetched and decoded once; a file that cannot be had is silence, never an error on screen. */
  private buffer(name: SoundCue | Ambience): Promise<AudioBuffer | undefined> {
    let pending = this.buffers.get(name);
    if (!pending) {
      const context = this.audio();
      pending = context
        ? fetch(URLS[name])
            .then((response) => response.arrayBuffer())
            .then((data) => context.decodeAudioData(data))
            .catch(() => undefined)
        : Promise.resolve(undefined);
      this.buffers.set(name, pending);
    }
    return pending;
  }
}
