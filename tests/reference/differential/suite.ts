// The whole differential suite: every data set and case, and the hash that ties a case's inputs to R's stored
// expected values (a change of the generator is then reported as such, not as a wrong estimate).
import { createHash } from 'node:crypto';
import { referenceText } from '../../analysis/support.ts';
import type { Case, DataSet } from './case-types.ts';
import { classDesigns } from './class-designs.ts';
import { dimDesign } from './dim-designs.ts';
import { randomDesign } from './random-designs.ts';
import { csvText } from './random-data.ts';
import { pAdjustCases, powerCases } from './simple-cases.ts';
import { trial4Designs } from './trial4-designs.ts';
import { trial6Designs } from './trial6-designs.ts';
import { trial7Designs } from './trial7-designs.ts';
import { trial8Designs } from './trial8-designs.ts';
import { trial9Designs } from './trial9-designs.ts';
import { trial10Designs } from './trial10-designs.ts';
import { rfun10Designs } from './rfun10-designs.ts';
import { trial12Designs } from './trial12-designs.ts';
import { trial13Designs } from './trial13-designs.ts';
import { trial14Designs } from './trial14-designs.ts';
import { trial15Designs } from './trial15-designs.ts';
import { trial16Designs } from './trial16-designs.ts';
import { trial17Designs } from './trial17-designs.ts';
import { trial18Designs } from './trial18-designs.ts';
import { trial19Designs } from './trial19-designs.ts';
import { trial20Designs } from './trial20-designs.ts';
import { trial22Designs } from './trial22-designs.ts';
import { trial23Designs } from './trial23-designs.ts';
import { trial24Designs } from './trial24-designs.ts';
import { trial25Designs } from './trial25-designs.ts';
import { trial27Designs } from './trial27-designs.ts';
import { trial28Designs } from './trial28-designs.ts';
import { trial29Designs } from './trial29-designs.ts';
import { trial30Designs } from './trial30-designs.ts';
import { trial31Designs } from './trial31-designs.ts';
import { trial32Designs } from './trial32-designs.ts';
import { trial33Designs } from './trial33-designs.ts';
import { trial34Designs } from './trial34-designs.ts';
import { trial35Designs } from './trial35-designs.ts';
import { trial36Designs } from './trial36-designs.ts';
import { trial37Designs } from './trial37-designs.ts';
import { trial38Designs } from './trial38-designs.ts';
import { trial39Designs } from './trial39-designs.ts';
import { trial40Designs } from './trial40-designs.ts';
import { trial41Designs } from './trial41-designs.ts';
import { trial42Designs } from './trial42-designs.ts';
import { trial43Designs } from './trial43-designs.ts';

/** How many seeded random regression designs and difference-in-means designs the suite draws. */
const RANDOM_DESIGNS = 45;
const DIM_DESIGNS = 20;

export interface Suite {
  data: DataSet[];
  cases: Case[];
}

export function differentialSuite(): Suite {
  const designs = [
    ...Array.from({ length: RANDOM_DESIGNS }, (_, k) => randomDesign(k)),
    // The two big designs: 50,000 rows without clusters, and with many clusters.
    randomDesign(RANDOM_DESIGNS, { n: 50_000, clustered: false }),
    randomDesign(RANDOM_DESIGNS + 1, { n: 50_000, clustered: true, few: false }),
  ];
  const dims = [...Array.from({ length: DIM_DESIGNS }, (_, k) => dimDesign(k)), dimDesign(DIM_DESIGNS, 'pairs'), dimDesign(DIM_DESIGNS + 1, 'cluster-pairs')];
  const classes = classDesigns();
  const trial4 = trial4Designs();
  const trial6 = trial6Designs();
  const trial7 = trial7Designs();
  const trial8 = trial8Designs();
  const trial9 = trial9Designs();
  const trial10 = trial10Designs();
  const rfun10 = rfun10Designs();
  const trial12 = trial12Designs();
  const trial13 = trial13Designs();
  const trial14 = trial14Designs();
  const trial15 = trial15Designs();
  const trial16 = trial16Designs();
  const trial17 = trial17Designs();
  const trial18 = trial18Designs();
  const trial19 = trial19Designs();
  const trial20 = trial20Designs();
  const trial22 = trial22Designs();
  const trial23 = trial23Designs();
  const trial24 = trial24Designs();
  const trial25 = trial25Designs();
  const trial27 = trial27Designs();
  const trial28 = trial28Designs();
  const trial29 = trial29Designs();
  const trial30 = trial30Designs();
  const trial31 = trial31Designs();
  const trial32 = trial32Designs();
  const trial33 = trial33Designs();
  const trial34 = trial34Designs();
  const trial35 = trial35Designs();
  const trial36 = trial36Designs();
  const trial37 = trial37Designs();
  const trial38 = trial38Designs();
  const trial39 = trial39Designs();
  const trial40 = trial40Designs();
  const trial41 = trial41Designs();
  const trial42 = trial42Designs();
  const trial43 = trial43Designs();
  return {
    data: [...designs.map((d) => d.data), ...classes.data, ...dims.map((d) => d.data), ...trial4.data, ...trial6.data, ...trial7.data, ...trial8.data, ...trial9.data, ...trial10.data, ...rfun10.data, ...trial12.data, ...trial13.data, ...trial14.data, ...trial15.data, ...trial16.data, ...trial17.data, ...trial18.data, ...trial19.data, ...trial20.data, ...trial22.data, ...trial23.data, ...trial24.data, ...trial25.data, ...trial27.data, ...trial28.data, ...trial29.data, ...trial30.data, ...trial31.data, ...trial32.data, ...trial33.data, ...trial34.data, ...trial35.data, ...trial36.data, ...trial37.data, ...trial38.data, ...trial39.data, ...trial40.data, ...trial41.data, ...trial42.data, ...trial43.data],
    cases: [...designs.flatMap((d) => d.cases), ...classes.cases, ...dims.flatMap((d) => d.cases), ...pAdjustCases(), ...powerCases(), ...trial4.cases, ...trial6.cases, ...trial7.cases, ...trial8.cases, ...trial9.cases, ...trial10.cases, ...rfun10.cases, ...trial12.cases, ...trial13.cases, ...trial14.cases, ...trial15.cases, ...trial16.cases, ...trial17.cases, ...trial18.cases, ...trial19.cases, ...trial20.cases, ...trial22.cases, ...trial23.cases, ...trial24.cases, ...trial25.cases, ...trial27.cases, ...trial28.cases, ...trial29.cases, ...trial30.cases, ...trial31.cases, ...trial32.cases, ...trial33.cases, ...trial34.cases, ...trial35.cases, ...trial36.cases, ...trial37.cases, ...trial38.cases, ...trial39.cases, ...trial40.cases, ...trial41.cases, ...trial42.cases, ...trial43.cases],
  };
}

/** The CSV text of a data set: generated, or a (gzipped) file of tests/reference/cases. */
export function dataText(data: DataSet): string {
  return 'file' in data ? referenceText(data.file) : csvText(data.columns);
}

/** sha256 of the case as JSON and of its data's CSV text: what R saw when it computed the expected values. */
export function inputHash(c: Case, csv: string | undefined): string {
  return createHash('sha256').update(JSON.stringify(c)).update('\n').update(csv ?? '').digest('hex');
}
