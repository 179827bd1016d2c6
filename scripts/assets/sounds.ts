/**
 * The game's sounds, synthesised here (no recordings, nothing downloaded): a phone ring for call
 * scenarios, a soft chime when a meter moves, and a front-desk room tone. Deterministic: the noise is
 * seeded, so the same script always writes the same bytes (tests/unit/assets.test.ts checks the files
 * in assets/sounds against it). Written as 16-bit mono PCM WAV, which every browser decodes.
 */

export interface Sound {
  file: string;
  sampleRate: number;
  samples: Float32Array;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAU = 2 * Math.PI;

/** A short linear fade in and out, so no sound starts or stops with a click. */
function fade(samples: Float32Array, rate: number, seconds = 0.01): Float32Array {
  const n = Math.min(Math.floor(rate * seconds), Math.floor(samples.length / 2));
  for (let i = 0; i < n; i++) {
    const g = i / n;
    samples[i] = (samples[i] ?? 0) * g;
    samples[samples.length - 1 - i] = (samples[samples.length - 1 - i] ?? 0) * g;
  }
  return samples;
}

/** Two bursts of a two-tone ring (400 + 450 Hz, the UK cadence): recognisably a phone, not shrill. */
function phoneRing(rate: number): Float32Array {
  const burst = 0.4;
  const gap = 0.2;
  const total = 2 * burst + gap + 0.1;
  const out = new Float32Array(Math.round(total * rate));
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    const inFirst = t < burst;
    const inSecond = t >= burst + gap && t < 2 * burst + gap;
    if (!inFirst && !inSecond) continue;
    const local = inFirst ? t : t - burst - gap;
    const env = Math.min(1, local / 0.015, (burst - local) / 0.03);
    // A 20 Hz warble, as an electronic ringer has.
    const warble = 0.75 + 0.25 * Math.sin(TAU * 20 * t);
    out[i] = 0.22 * env * warble * (Math.sin(TAU * 400 * t) + Math.sin(TAU * 450 * t));
  }
  return fade(out, rate);
}

/** A soft bell: a few inharmonic partials with exponential decay. */
function chime(rate: number): Float32Array {
  const out = new Float32Array(Math.round(0.7 * rate));
  const partials = [
    [880, 1, 3.5],
    [1320, 0.45, 5],
    [2205, 0.18, 7.5],
  ] as const;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    const attack = Math.min(1, t / 0.006);
    let v = 0;
    for (const [f, a, d] of partials) v += a * Math.exp(-d * t) * Math.sin(TAU * f * t);
    out[i] = 0.3 * attack * v;
  }
  return fade(out, rate, 0.02);
}

/**
 * Room tone for the front desk: low rumble (filtered noise), a murmur that swells and fades, and now and
 * then a keyboard tap. The loop's end is cross-faded into its start, so it repeats without a seam.
 */
function frontDesk(rate: number): Float32Array {
  const seconds = 4;
  const fadeSeconds = 0.5;
  const n = Math.round(seconds * rate);
  const extra = Math.round(fadeSeconds * rate);
  const random = mulberry32(17);
  const raw = new Float32Array(n + extra);
  let low = 0;
  let band = 0;
  let bandLow = 0;
  const taps = Array.from({ length: 7 }, () => Math.floor(random() * (n + extra)));
  for (let i = 0; i < raw.length; i++) {
    const t = i / rate;
    const white = random() * 2 - 1;
    low += 0.02 * (white - low);
    // A band of speech-like noise (roughly 300-1200 Hz) as distant voices.
    bandLow += 0.3 * (white - bandLow);
    band += 0.08 * (bandLow - band);
    const voices = (bandLow - band) * (0.5 + 0.5 * Math.sin(TAU * 0.35 * t) * Math.sin(TAU * 1.3 * t + 1));
    raw[i] = 0.9 * low + 0.18 * voices;
  }
  for (const at of taps) {
    for (let k = 0; k < rate * 0.03 && at + k < raw.length; k++) {
      const t = k / rate;
      raw[at + k] = (raw[at + k] ?? 0) + 0.06 * Math.exp(-t * 180) * Math.sin(TAU * 2100 * t);
    }
  }
  const out = raw.slice(0, n);
  for (let i = 0; i < extra; i++) {
    const g = i / extra;
    out[i] = (out[i] ?? 0) * g + (raw[n + i] ?? 0) * (1 - g);
  }
  return out;
}

export function sounds(): Sound[] {
  return [
    { file: 'phone-ring.wav', sampleRate: 22050, samples: phoneRing(22050) },
    { file: 'chime.wav', sampleRate: 22050, samples: chime(22050) },
    { file: 'front-desk.wav', sampleRate: 16000, samples: frontDesk(16000) },
  ];
}

/** 16-bit mono PCM WAV bytes. */
export function wav({ sampleRate, samples }: Sound): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i] ?? 0));
    view.setInt16(44 + i * 2, Math.round(v * 32767), true);
  }
  return bytes;
}
