/**
 * A scan or photo of a letter made fit for OCR. Residents post phone photos:
 * sideways, tilted, small, shaded by the hand holding the phone. Tesseract reads
 * straight, dark-on-white lines at a useful size; so, in order:
 *
 * 1. orientation: the camera's EXIF tag applied (sharp's auto-orient);
 * 2. greyscale;
 * 3. flattened: each pixel divided by the paper's brightness around it (the
 *    brightest pixel of its block, smoothed), so shade and a yellow cast go and
 *    one threshold fits the whole page;
 * 4. deskewed: the angle (within ±MAX_SKEW_DEGREES) whose rows of ink are
 *    sharpest — the projection-profile method — undone, with any quarter turn
 *    the caller asks for (a sideways or upside-down page, see parse-letter.ts);
 * 5. scaled so the page is about TARGET_LONG_SIDE pixels long (a 40 dpi photo of a
 *    page has 7-pixel letters; tesseract wants 20 or more);
 * 6. on request, thresholded at Otsu's level to black text on white (not by
 *    default: see `PrepareOptions.threshold`).
 *
 * sharp (libvips) decodes, rotates and resamples; the per-pixel steps are
 * plain loops over its raw greyscale buffer.
 */
import { UnparseableInput } from '@housing-inbox/core';
import type { Sharp } from 'sharp';

export interface PreparedScan {
  /** A PNG, one channel: dark text on white paper (black and white when thresholded). */
  image: Uint8Array;
  /** What was done, in words for the record ("turned 90°", "deskewed by 4.5°", …). */
  steps: string[];
  /** The tilt found and undone, in degrees (positive: the text ran uphill to the right). */
  skewDegrees: number;
}

export interface PrepareOptions {
  /** A quarter turn (clockwise) after deskewing: what the engine's orientation check said the prepared page needs. */
  turn?: 0 | 90 | 180 | 270;
  /**
   * Threshold to black and white at Otsu's level. Off by default: on the
   * fixtures (`npm run bench`) tesseract read the flattened greyscale better
   * (it binarises internally, and sees anti-aliased edges the threshold loses).
   */
  threshold?: boolean;
}

/** Tilts beyond this are not looked for: a page photographed at 20° is rare, and the search costs. */
export const MAX_SKEW_DEGREES = 15;
/** Below this the page is left as it is: resampling blurs, and tesseract copes with a little tilt. */
const MIN_SKEW_DEGREES = 0.3;
/** The share of a block's pixels darker than its paper: letters cover far less of a block than this. */
const PAPER_PERCENTILE = 0.8;
/** About 240 dpi down an A4 page (sideways or not: the long side decides). */
const TARGET_LONG_SIDE = 2800;
/** Upscaling further only enlarges blur. */
const MAX_UPSCALE = 4;
/** Above this the page is shrunk: OCR time grows with pixels, not accuracy. */
const MAX_LONG_SIDE = 4200;
/** libvips refuses images above this many pixels by default; a letter never needs more. */
const MAX_INPUT_PIXELS = 100_000_000;

/**
 * sharp's native parts (`@img/sharp-<platform>`) are not where it looks: a
 * bundle that did not copy them. Nothing is wrong with the letter, so the
 * caller reads the image as it came rather than quarantining it.
 */
export class PreparationUnavailable extends Error {
  override name = 'PreparationUnavailable';
}

let sharpModule: Promise<typeof import('sharp')['default']> | undefined;
/** sharp loads libvips (a native library): on first use, not by every function that imports this package. */
function loadSharp() {
  sharpModule ??= import('sharp').then(
    (m) => m.default,
    (err: unknown) => {
      throw new PreparationUnavailable(`sharp could not be loaded: ${(err as Error)?.message ?? err}`);
    },
  );
  return sharpModule;
}

export async function prepareScan(image: Uint8Array, options: PrepareOptions = {}): Promise<PreparedScan> {
  const sharp = await loadSharp();
  const steps: string[] = [];

  let grey: Grey;
  try {
    const input = sharp(image, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const { orientation } = await input.metadata();
    const upright = input.rotate();
    if (orientation && orientation > 1) steps.push(`turned upright from its camera orientation (EXIF ${orientation})`);
    grey = await raw(upright.greyscale());
  } catch (err) {
    throw new UnparseableInput(`the scan is not a readable image (${(err as Error).message})`, 'letter');
  }
  steps.push('greyscale');

  grey = flatten(grey);
  steps.push('shading flattened');

  const found = estimateSkew(grey);
  const skewDegrees = Math.abs(found) >= MIN_SKEW_DEGREES ? found : 0;
  const turn = options.turn ?? 0;
  const angle = skewDegrees + turn;
  if (angle !== 0) {
    // sharp turns clockwise for positive angles: lines rising to the right are turned back clockwise.
    grey = await raw(fromGrey(sharp, grey).rotate(angle, { background: { r: 255, g: 255, b: 255 } }));
    if (skewDegrees) steps.push(`deskewed by ${round1(skewDegrees)}°`);
    if (turn) steps.push(`turned ${turn}°: it reads that way up`);
  }

  const long = Math.max(grey.width, grey.height);
  const scale =
    long < TARGET_LONG_SIDE ? Math.min(TARGET_LONG_SIDE / long, MAX_UPSCALE) : Math.min(1, MAX_LONG_SIDE / long);
  if (Math.abs(scale - 1) > 0.05) {
    grey = await raw(fromGrey(sharp, grey).resize(Math.round(grey.width * scale), null, { kernel: 'lanczos3' }));
    steps.push(`${scale > 1 ? 'enlarged' : 'reduced'} ${round1(scale)}×`);
  }

  if (options.threshold === true) {
    const level = otsu(grey.data);
    const binary = Buffer.alloc(grey.data.length);
    for (let i = 0; i < binary.length; i++) binary[i] = (grey.data[i] ?? 255) > level ? 255 : 0;
    grey = { ...grey, data: binary };
    steps.push(`thresholded at ${level}`);
  }
  // Tesseract sizes some of its filters by the resolution: assume the page (A4, 11.7 in long) fills the picture.
  const density = Math.min(600, Math.max(70, Math.round(Math.max(grey.width, grey.height) / 11.7)));
  const png = await fromGrey(sharp, grey).withMetadata({ density }).png({ compressionLevel: 6 }).toBuffer();
  return { image: new Uint8Array(png), steps, skewDegrees };
}

type SharpFactory = Awaited<ReturnType<typeof loadSharp>>;

function fromGrey(sharp: SharpFactory, { data, width, height }: Grey): Sharp {
  return sharp(data, { raw: { width, height, channels: 1 } });
}

async function raw(pipeline: Sharp): Promise<Grey> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data: channel(data, info.channels), width: info.width, height: info.height };
}

interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

/** The first channel of an interleaved buffer (greyscale() still leaves an alpha channel on some PNGs). */
function channel(data: Buffer, channels: number): Buffer {
  if (channels === 1) return data;
  const out = Buffer.alloc(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels] ?? 255;
  return out;
}

/**
 * Divides out the paper's brightness: in each block most pixels are paper
 * (letters are thin), so its PAPER_PERCENTILE brightness is the paper's there
 * — not its brightest pixel, which on a JPEG is ringing beside a letter's edge.
 * Smoothed over the neighbouring blocks and interpolated back to every pixel.
 * A clean white scan is left as it was; a dark table around a photographed
 * page becomes its own "paper", white.
 */
export function flatten({ data, width, height }: Grey): Grey {
  const block = Math.max(8, Math.round(Math.max(width, height) / 40));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const histograms = new Uint32Array(bw * bh * 256);
  const counts = new Uint32Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block) * bw;
    for (let x = 0; x < width; x++) {
      const b = row + Math.floor(x / block);
      const h = b * 256 + (data[y * width + x] ?? 0);
      histograms[h] = (histograms[h] ?? 0) + 1;
      counts[b] = (counts[b] ?? 0) + 1;
    }
  }
  const peak = new Float32Array(bw * bh);
  for (let b = 0; b < peak.length; b++) {
    const wanted = (counts[b] ?? 0) * PAPER_PERCENTILE;
    let seen = 0;
    let v = 0;
    for (; v < 255; v++) {
      seen += histograms[b * 256 + v] ?? 0;
      if (seen >= wanted) break;
    }
    peak[b] = v;
  }
  const paper = boxMean(peak, bw, bh);
  const out = Buffer.alloc(data.length);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) / block - 0.5, 0), bh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, bh - 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) / block - 0.5, 0), bw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, bw - 1);
      const tx = fx - x0;
      const top = (paper[y0 * bw + x0] ?? 255) * (1 - tx) + (paper[y0 * bw + x1] ?? 255) * tx;
      const bottom = (paper[y1 * bw + x0] ?? 255) * (1 - tx) + (paper[y1 * bw + x1] ?? 255) * tx;
      const bg = Math.max(top * (1 - ty) + bottom * ty, 24);
      out[y * width + x] = Math.min(255, Math.round(((data[y * width + x] ?? 0) * 255) / bg));
    }
  }
  return { data: out, width, height };
}

function boxMean(values: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
            sum += values[yy * w + xx] ?? 0;
            n++;
          }
        }
      }
      out[y * w + x] = sum / n;
    }
  }
  return out;
}

/**
 * The page's tilt in degrees, by the projection-profile method: rotate the ink
 * pixels by each candidate angle and count them per row; at the right angle
 * the text lines fall into few rows and gaps into others, so the profile is
 * most uneven (largest sum of squared differences between neighbouring rows).
 * Coarse steps of 0.5°, then 0.1° around the best. Positive means the lines
 * rise to the right. A page photographed sideways has its lines' tilt found
 * all the same (its edges and margins line up with them); which way up it is
 * is the caller's question (parse-letter.ts).
 */
export function estimateSkew(grey: Grey): number {
  // About 800 pixels along the long side is plenty for the angle and keeps this to a few milliseconds.
  const step = Math.max(1, Math.round(Math.max(grey.width, grey.height) / 800));
  const level = otsu(grey.data);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < grey.height; y += step) {
    for (let x = 0; x < grey.width; x += step) {
      if ((grey.data[y * grey.width + x] ?? 255) <= level) {
        xs.push(x / step);
        ys.push(y / step);
      }
    }
  }
  // Nothing, or nearly everything, dark: no lines to find.
  const total = Math.ceil(grey.width / step) * Math.ceil(grey.height / step);
  if (xs.length < 50 || xs.length > total * 0.5) return 0;
  const rows = Math.ceil(Math.hypot(grey.width, grey.height) / step) + 2;
  const score = (degrees: number) => {
    const t = (degrees * Math.PI) / 180;
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    const profile = new Float64Array(rows * 2);
    for (let i = 0; i < xs.length; i++) {
      // The row a pixel lands in once the page is turned back by `degrees`.
      const r = Math.round((ys[i] ?? 0) * cos + (xs[i] ?? 0) * sin) + rows;
      profile[r] = (profile[r] ?? 0) + 1;
    }
    let sum = 0;
    for (let r = 1; r < profile.length; r++) sum += ((profile[r] ?? 0) - (profile[r - 1] ?? 0)) ** 2;
    return sum;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -MAX_SKEW_DEGREES; d <= MAX_SKEW_DEGREES; d += 0.5) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.4; d <= coarse + 0.4; d += 0.1) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return Math.round(best * 10) / 10;
}

/** Otsu's threshold: the grey level that best splits the histogram into ink and paper. */
export function otsu(data: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (const v of data) histogram[v] = (histogram[v] ?? 0) + 1;
  const total = data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * (histogram[i] ?? 0);
  let sumBelow = 0;
  let weightBelow = 0;
  let best = 127;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t] ?? 0;
    if (weightBelow === 0) continue;
    const weightAbove = total - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += t * (histogram[t] ?? 0);
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sumAll - sumBelow) / weightAbove;
    const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) [best, bestVariance] = [t, variance];
  }
  return best;
}

function round1(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
