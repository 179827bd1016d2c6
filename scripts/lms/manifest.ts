/**
 * imsmanifest.xml for a single-SCO package, SCORM 1.2 or SCORM 2004 3rd Edition, with no sequencing. The
 * XSDs it names (schemas/, vendored with their notices) go to the package root beside it, as the ADL
 * content packaging rules ask.
 */
import type { ScormVersion } from '../../src/lms/config';

export interface ManifestInput {
  format: ScormVersion;
  /** An xs:ID: starts with a letter, then letters, digits, ".", "-", "_". */
  identifier: string;
  title: string;
  /** Every file of the SCO, relative to the package root, "/" separated. */
  files: readonly string[];
  /** SCORM 1.2 only: the LMS may set passed/failed from the score against it. */
  masteryScore: number | undefined;
}

/** The schema files each format's manifest names, as vendored in schemas/<dir>/. */
export const SCHEMAS: Record<ScormVersion, { dir: string; files: readonly string[] }> = {
  scorm12: {
    dir: 'scorm12',
    files: ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'],
  },
  scorm2004: {
    dir: 'scorm2004-3rd',
    files: [
      'imscp_v1p1.xsd',
      'adlcp_v1p3.xsd',
      'adlseq_v1p3.xsd',
      'adlnav_v1p3.xsd',
      'imsss_v1p0.xsd',
      'imsss_v1p0auxresource.xsd',
      'imsss_v1p0control.xsd',
      'imsss_v1p0delivery.xsd',
      'imsss_v1p0limit.xsd',
      'imsss_v1p0objective.xsd',
      'imsss_v1p0random.xsd',
      'imsss_v1p0rollup.xsd',
      'imsss_v1p0seqrule.xsd',
      'imsss_v1p0util.xsd',
      'xml.xsd',
      'XMLSchema.dtd',
      'datatypes.dtd',
    ],
  },
};

/** Namespace and schema file pairs for xsi:schemaLocation (and for a validating wrapper schema). */
export const NAMESPACES: Record<
  ScormVersion,
  readonly (readonly [prefix: string, uri: string, xsd: string])[]
> = {
  scorm12: [
    ['', 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
    ['imsmd', 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd_rootv1p2p1.xsd'],
    ['adlcp', 'http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
  ],
  scorm2004: [
    ['', 'http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
    ['adlcp', 'http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
    ['adlseq', 'http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
    ['adlnav', 'http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
    ['imsss', 'http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
  ],
};

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function manifestXml(input: ManifestInput): string {
  const { format } = input;
  if (!/^[A-Za-z_][\w.-]*$/.test(input.identifier)) {
    throw new Error(`manifest identifier "${input.identifier}" is not an xs:ID`);
  }
  const v12 = format === 'scorm12';
  const namespaces = NAMESPACES[format];
  const xmlns = namespaces
    .map(([prefix, uri]) => `  ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${uri}"`)
    // imsmd is named for schemaLocation only; no element of ours uses it.
    .filter((line) => !line.includes('xmlns:imsmd'));
  const location = namespaces.map(([, uri, xsd]) => `${uri} ${xsd}`).join(' ');
  const title = escapeXml(input.title.slice(0, 200));
  const id = input.identifier;
  const mastery =
    v12 && input.masteryScore !== undefined
      ? `\n        <adlcp:masteryscore>${input.masteryScore}</adlcp:masteryscore>`
      : '';
  const scormType = v12 ? 'adlcp:scormtype' : 'adlcp:scormType';
  const files = input.files.map((f) => `      <file href="${escapeXml(f)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"
${xmlns.join('\n')}
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="${location}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${v12 ? '1.2' : '2004 3rd Edition'}</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco"${v12 ? ' isvisible="true"' : ''}>
        <title>${title}</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" ${scormType}="sco" href="index.html">
${files}
    </resource>
  </resources>
</manifest>
`;
}
