/** Settings, remembered per browser. Every control is a native form control with a visible label. */
import { h } from '../dom';
import {
  type Settings,
  systemPrefersReducedMotion,
  TEXT_SIZES,
  TYPING_SPEEDS,
  type TypingSpeed,
} from '../settings';

export interface SettingsDeps {
  settings: Settings;
  onChange: (settings: Settings) => void;
  onDone: () => void;
}

function radios<T extends string | number>(
  name: string,
  legend: string,
  options: readonly { value: T; label: string }[],
  current: T,
  onPick: (value: T) => void,
): HTMLElement {
  const fieldset = h(
    'fieldset',
    { class: 'setting' },
    h('legend', {}, legend),
    ...options.map((o) =>
      h(
        'label',
        { class: 'mode-option' },
        h('input', { type: 'radio', name, value: String(o.value), checked: o.value === current }),
        ` ${o.label}`,
      ),
    ),
  );
  fieldset.addEventListener('change', (event) => {
    const value = (event.target as HTMLInputElement).value;
    const picked = options.find((o) => String(o.value) === value);
    if (picked) onPick(picked.value);
  });
  return fieldset;
}

function checkbox(
  name: string,
  label: string,
  checked: boolean,
  onToggle: (on: boolean) => void,
): HTMLElement {
  const input = h('input', { type: 'checkbox', name, checked });
  input.addEventListener('change', () => onToggle(input.checked));
  return h('label', { class: 'mode-check setting-check' }, input, ` ${label}`);
}

export function renderSettings(root: HTMLElement, deps: SettingsDeps): () => void {
  let settings = deps.settings;
  const update = (patch: Partial<Settings>): void => {
    settings = { ...settings, ...patch };
    deps.onChange(settings);
  };
  const motionDefault = systemPrefersReducedMotion()
    ? 'on (your system asks for it)'
    : 'off (your system setting)';
  const done = h('button', { class: 'btn', type: 'button', onclick: () => deps.onDone() }, 'Done');
  const heading = h('h1', { id: 'settings-heading', tabindex: -1 }, 'Settings');
  root.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'settings-heading', 'data-screen': 'settings' },
      h('div', { class: 'convo-header' }, heading, done),
      h('p', { class: 'muted' }, 'Saved in this browser and applied at once.'),
      radios(
        'text-size',
        'Text size',
        TEXT_SIZES.map((size) => ({ value: size, label: `${size}%` })),
        settings.textSize,
        (textSize) => update({ textSize }),
      ),
      radios(
        'reduced-motion',
        'Reduced motion (no typing effect, no shaking, no animated meters)',
        [
          { value: 'system', label: `Follow my system: ${motionDefault}` },
          { value: 'on', label: 'On' },
          { value: 'off', label: 'Off' },
        ],
        settings.reducedMotion === undefined ? 'system' : settings.reducedMotion ? 'on' : 'off',
        (v) => update({ reducedMotion: v === 'system' ? undefined : v === 'on' }),
      ),
      radios(
        'typing-speed',
        'How fast the patient\u2019s words appear',
        (Object.keys(TYPING_SPEEDS) as TypingSpeed[]).map((speed) => ({
          value: speed,
          label:
            speed === 'instant'
              ? 'Instant (whole line at once)'
              : speed.charAt(0).toUpperCase() + speed.slice(1),
        })),
        settings.typingSpeed,
        (typingSpeed) => update({ typingSpeed }),
      ),
      h(
        'fieldset',
        { class: 'setting' },
        h('legend', {}, 'Display'),
        checkbox('high-contrast', 'High-contrast theme', settings.highContrast, (highContrast) =>
          update({ highContrast }),
        ),
        checkbox(
          'meters-as-text',
          'Also show stress and trust as text next to the conversation (always shown when the text size is above 100%)',
          settings.metersAsText,
          (metersAsText) => update({ metersAsText }),
        ),
      ),
      h(
        'fieldset',
        { class: 'setting' },
        h('legend', {}, 'Keyboard'),
        checkbox(
          'number-keys',
          'Number keys 1 to 9 pick a reply while a reply has focus',
          settings.numberKeys,
          (numberKeys) => update({ numberKeys }),
        ),
      ),
      h(
        'fieldset',
        { class: 'setting' },
        h('legend', {}, 'Sound'),
        checkbox(
          'sound',
          'Sound effects and room tone: a phone ringing at the start of a call, a soft chime when stress or trust changes, the murmur of a waiting room. Everything they tell is also on screen.',
          settings.sound,
          (sound) => update({ sound }),
        ),
      ),
      h(
        'fieldset',
        { class: 'setting' },
        h('legend', {}, 'Practice mode helps'),
        checkbox('hints', 'Hints: what the patient is feeling, on request', settings.play.hints, (hints) =>
          update({ play: { ...settings.play, hints } }),
        ),
        checkbox('coach', 'Coach notes after each choice', settings.play.coachFeedback, (coachFeedback) =>
          update({ play: { ...settings.play, coachFeedback } }),
        ),
      ),
      h('p', { class: 'muted' }, 'Good Terms has no time limits: take as long as you need on every choice.'),
    ),
  );
  heading.focus();
  return () => undefined;
}
