/** The device sizes the layouts are built and tested for (issue 17), shared by the tests and screenshots. */
export interface Device {
  name: string;
  width: number;
  height: number;
  /** Phones and tablets: emulated as touch devices, played by tap. */
  touch: boolean;
}

export const DEVICES: readonly Device[] = [
  { name: 'phone-360x740', width: 360, height: 740, touch: true },
  { name: 'phone-390x844', width: 390, height: 844, touch: true },
  { name: 'phone-landscape-844x390', width: 844, height: 390, touch: true },
  { name: 'tablet-820x1180', width: 820, height: 1180, touch: true },
  { name: 'laptop-1280x720', width: 1280, height: 720, touch: false },
  { name: 'desktop-1920x1080', width: 1920, height: 1080, touch: false },
];
