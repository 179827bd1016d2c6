/**
 * Every value the persona schema allows in a look has a drawing: hair styles, ages, builds, companions
 * and the yes/no accessories. A value added to the schema without one fails here (and in the type check)
 * instead of drawing nothing. Each drawing is recorded with a pen that logs its calls, so the test also
 * sees that each entry draws something of its own.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { personaSchema } from '../../src/engine/authoring/schema';
import type { Pen } from '../../src/game/art/draw';
import { ACCESSORIES, drawAccessories } from '../../src/game/art/portrait/accessories';
import { drawBody, TOPS } from '../../src/game/art/portrait/body';
import { COMPANIONS } from '../../src/game/art/portrait/companion';
import { EXPRESSION_PARAMS } from '../../src/game/art/portrait/expressions';
import { drawFeatures, drawHeadBase } from '../../src/game/art/portrait/face';
import { AGES, BUILDS, figureOf, type PersonaLook } from '../../src/game/art/portrait/figure';
import { HAIR_STYLES } from '../../src/game/art/portrait/hair';

/** A pen that records every call, rounded, so two drawings can be compared. */
function recorder(): Pen & { log: string[] } {
  const log: string[] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]): void => {
      log.push(
        `${name}(${args
          .map((a) =>
            Array.isArray(a)
              ? a.map((p: { x: number; y: number }) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')
              : typeof a === 'number'
                ? a.toFixed(2)
                : String(a),
          )
          .join(';')})`,
      );
    };
  return {
    log,
    fillStyle: rec('fillStyle'),
    lineStyle: rec('lineStyle'),
    fillGradientStyle: rec('fillGradientStyle'),
    fillPoints: rec('fillPoints'),
    strokePoints: rec('strokePoints'),
    fillCircle: rec('fillCircle'),
    strokeCircle: rec('strokeCircle'),
    fillRect: rec('fillRect'),
    strokeRect: rec('strokeRect'),
    fillRoundedRect: rec('fillRoundedRect'),
    strokeRoundedRect: rec('strokeRoundedRect'),
    fillTriangle: rec('fillTriangle'),
    lineBetween: rec('lineBetween'),
  };
}

const shape = personaSchema.shape.look.shape;
function unwrap(t: z.ZodType): z.ZodType {
  return t instanceof z.ZodDefault || t instanceof z.ZodOptional ? unwrap(t.unwrap() as z.ZodType) : t;
}
function options(key: keyof typeof shape): string[] {
  const t = unwrap(shape[key] as z.ZodType);
  if (!(t instanceof z.ZodEnum)) throw new Error(`look.${key} is not an enum`);
  return t.options.map(String);
}

const base: PersonaLook = personaSchema.shape.look.parse({
  skin: '#c68c5a',
  hair: '#2b1d14',
  hairStyle: 'short',
  top: '#2a9d8f',
  age: 'adult',
});

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('portrait registries cover the schema', () => {
  it('draws every hair style, each differently', () => {
    expect(sorted(Object.keys(HAIR_STYLES))).toEqual(sorted(options('hairStyle')));
    const drawings = options('hairStyle').map((style) => {
      const back = recorder();
      const front = recorder();
      const look = { ...base, hairStyle: style } as PersonaLook;
      HAIR_STYLES[look.hairStyle](back, front, figureOf(look));
      expect(back.log.length + front.log.length, `${style} draws nothing`).toBeGreaterThan(0);
      return [...back.log, '|', ...front.log].join('\n');
    });
    expect(new Set(drawings).size).toBe(drawings.length);
  });

  it('has proportions for every age and build, and each changes the drawing', () => {
    expect(sorted(Object.keys(AGES))).toEqual(sorted(options('age')));
    expect(sorted(Object.keys(BUILDS))).toEqual(sorted(options('build')));
    const head = (look: PersonaLook): string => {
      const pen = recorder();
      drawHeadBase(pen, figureOf(look));
      drawBody(pen, figureOf(look));
      return pen.log.join('\n');
    };
    const ages = options('age').map((age) => head({ ...base, age } as PersonaLook));
    const builds = options('build').map((build) => head({ ...base, build } as PersonaLook));
    expect(new Set(ages).size).toBe(ages.length);
    expect(new Set(builds).size).toBe(builds.length);
  });

  it('draws every companion, with a face for each mood, within its reach', () => {
    const kinds = options('companion').filter((k) => k !== 'none');
    expect(sorted(Object.keys(COMPANIONS))).toEqual(sorted(kinds));
    for (const kind of kinds) {
      const patient = figureOf({ ...base, companion: kind } as PersonaLook);
      const drawing = COMPANIONS[kind as keyof typeof COMPANIONS];
      const fig = drawing.figure(patient);
      const behind = recorder();
      const over = recorder();
      drawing.still(behind, over, fig);
      expect(behind.log.length, `${kind}: no figure`).toBeGreaterThan(0);
      const happy = recorder();
      const unsure = recorder();
      drawing.face(happy, fig, 'happy', false);
      drawing.face(unsure, fig, 'unsure', false);
      expect(happy.log.join(), `${kind}: the moods look the same`).not.toBe(unsure.log.join());
      // Everything it paints, placed and scaled, stays left of the reach the portrait's paint area uses.
      const place = drawing.place(patient, fig);
      const xs = [...behind.log, ...over.log].flatMap((call) =>
        [...call.matchAll(/(-?\d+\.\d),-?\d+\.\d/g)].map((m) => place.x + Number(m[1]) * place.scale),
      );
      expect(Math.min(...xs), `${kind} paints beyond its reach`).toBeGreaterThan(
        -drawing.reach(patient, fig),
      );
    }
  });

  it('dresses a companion in its own look, with companionLook on top', () => {
    const patient = figureOf({
      ...base,
      companion: 'spouse',
      companionLook: { top: '#123456', hairStyle: 'curly' },
    });
    const spouse = COMPANIONS.spouse.figure(patient);
    expect(spouse.look.top).toBe('#123456');
    expect(spouse.look.hairStyle).toBe('curly');
    expect(spouse.look.age).toBe(base.age);
    const child = COMPANIONS.child.figure(
      figureOf({ ...base, age: 'elderly', hair: '#dcdcdc', companion: 'child' }),
    );
    expect(child.look.age).toBe('child');
    expect(child.look.hair, 'a grandchild does not inherit grey hair').not.toBe('#dcdcdc');
  });

  it('draws every outfit, each differently', () => {
    expect(sorted(Object.keys(TOPS))).toEqual(sorted(options('outfit')));
    const drawings = options('outfit').map((outfit) => {
      const pen = recorder();
      drawBody(pen, figureOf({ ...base, outfit } as PersonaLook));
      return pen.log.join('\n');
    });
    expect(new Set(drawings).size).toBe(drawings.length);
  });

  it('draws every yes/no field of the look as an accessory', () => {
    const flags = Object.keys(shape).filter(
      (key) => unwrap(shape[key as keyof typeof shape]) instanceof z.ZodBoolean,
    );
    expect(sorted(Object.keys(ACCESSORIES))).toEqual(sorted(flags));
    for (const flag of flags) {
      const layer = ACCESSORIES[flag as keyof typeof ACCESSORIES].layer;
      const without = recorder();
      const withIt = recorder();
      drawAccessories(without, figureOf(base), layer);
      drawAccessories(withIt, figureOf({ ...base, [flag]: true }), layer);
      expect(without.log).toEqual([]);
      expect(withIt.log.length, `${flag} draws nothing`).toBeGreaterThan(0);
    }
  });

  it('draws every expression differently, and a blink closes the eyes', () => {
    const fig = figureOf(base);
    const faces = Object.values(EXPRESSION_PARAMS).map((p) => {
      const pen = recorder();
      drawFeatures(pen, fig, p, false);
      return pen.log.join('\n');
    });
    expect(new Set(faces).size).toBe(faces.length);
    const closed = recorder();
    drawFeatures(closed, fig, EXPRESSION_PARAMS.calm, true);
    expect(closed.log.join('\n')).not.toBe(faces[0]);
  });
});
