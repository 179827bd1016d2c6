/**
 * The Phaser this game ships: Phaser 4.2.1 (the version package.json pins) assembled from its source
 * tree with only what the game uses, instead of the whole 1.4 MB bundle. vite.config.ts aliases
 * `phaser` to this file for the app (the bare-Phaser benchmark page keeps the stock bundle) and sets
 * the build flags (phaserBuild.ts). The game's code keeps importing `phaser` and its types.
 *
 * What is here: the game loop, scenes with their clock and tweens, the scale manager, textures, the
 * WebGL renderer with the canvas renderer as a fallback, and three game objects: Container, Image and
 * Text. What is not: sound, input (the DOM overlay owns the keyboard and the pointer), the loader (the
 * art is painted, not loaded), physics, tilemaps, sprites and animations, Graphics, particles, filters
 * and lights. tests/browser/phaserBuild.test.ts shows every screen pixel for pixel the same as with the
 * stock bundle.
 */

import CONST from 'phaser-src/const.js';
import Game from 'phaser-src/core/Game.js';
import Core from 'phaser-src/core/index.js';
import Canvas from 'phaser-src/display/canvas/index.js';
import Events from 'phaser-src/events/index.js';
import Components from 'phaser-src/gameobjects/components/index.js';
import Container from 'phaser-src/gameobjects/container/Container.js';
// Scene plugins register themselves when loaded: a scene gets the ones imported here.
import 'phaser-src/cameras/2d/CameraManager.js';
import 'phaser-src/events/EventEmitter.js';
import 'phaser-src/scene/ScenePlugin.js';
import Class from 'phaser-src/utils/Class.js';
import 'phaser-src/gameobjects/container/ContainerCreator.js';
import 'phaser-src/gameobjects/container/ContainerFactory.js';
import DisplayList from 'phaser-src/gameobjects/DisplayList.js';
import GameObjectEvents from 'phaser-src/gameobjects/events/index.js';
import GameObject from 'phaser-src/gameobjects/GameObject.js';
import GameObjectCreator from 'phaser-src/gameobjects/GameObjectCreator.js';
import GameObjectFactory from 'phaser-src/gameobjects/GameObjectFactory.js';
import Image from 'phaser-src/gameobjects/image/Image.js';
import 'phaser-src/gameobjects/image/ImageCreator.js';
import 'phaser-src/gameobjects/image/ImageFactory.js';
import Text from 'phaser-src/gameobjects/text/Text.js';
import 'phaser-src/gameobjects/text/TextCreator.js';
import 'phaser-src/gameobjects/text/TextFactory.js';
import UpdateList from 'phaser-src/gameobjects/UpdateList.js';
import Vector2 from 'phaser-src/math/Vector2.js';
import Renderer from 'phaser-src/renderer/index.js';
import Scale from 'phaser-src/scale/index.js';
import Scenes from 'phaser-src/scene/index.js';
import Scene from 'phaser-src/scene/Scene.js';
import Textures from 'phaser-src/textures/index.js';
import Time from 'phaser-src/time/index.js';
import Tweens from 'phaser-src/tweens/index.js';
import Extend from 'phaser-src/utils/object/Extend.js';

const Phaser = Extend(
  false,
  {
    Class,
    Core,
    Display: { Canvas },
    Events,
    Game,
    GameObjects: {
      Components,
      Container,
      DisplayList,
      Events: GameObjectEvents,
      GameObject,
      GameObjectCreator,
      GameObjectFactory,
      Image,
      Text,
      UpdateList,
    },
    Math: { Vector2 },
    Renderer,
    Scale,
    Scene,
    Scenes,
    Textures,
    Time,
    Tweens,
  },
  CONST,
);

export default Phaser;
