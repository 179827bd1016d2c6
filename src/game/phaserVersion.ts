/**
 * The one Phaser release this game runs on. renderOnDemand.ts reproduces its Game#step
 * (node_modules/phaser/src/core/Game.js) and refuses to start on any other version, because a changed
 * Game#step would be silently overridden. package.json pins exactly this release and
 * tests/unit/phaserVersion.test.ts checks that the two agree. To upgrade: compare Game#step with
 * renderOnDemand's step, then change both.
 */
export const SUPPORTED_PHASER = '4.2.1';
