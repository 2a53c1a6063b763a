// Writes the portal's app icons (public/icons/*.png) from one drawing. Run once after changing the
// drawing (`node scripts/make-icons.mjs`) and commit the PNGs: the build copies them as they are,
// so building the portal needs no image library.
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';

const out = new URL('../public/icons/', import.meta.url).pathname;
const ACCENT = '#0b5cad';

/**
 * A speech bubble with a tick, white on the portal's accent colour. No text: the drawing must not
 * depend on the fonts of the machine that renders it. `inset` is the share of the side left around
 * the mark: a maskable icon keeps its mark inside the middle 80% a launcher may crop to.
 */
function drawing({ rounded, inset }) {
  const mark = 512 * (1 - 2 * inset);
  const scale = mark / 512;
  const offset = 512 * inset;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${rounded ? 96 : 0}" fill="${ACCENT}"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <path d="M96 112h320a40 40 0 0 1 40 40v184a40 40 0 0 1-40 40H232l-96 80v-80H96a40 40 0 0 1-40-40V152a40 40 0 0 1 40-40z" fill="#fff"/>
    <path d="M176 244l56 56 112-112" fill="none" stroke="${ACCENT}" stroke-width="40" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
</svg>`);
}

const ICONS = [
  { name: 'icon-192.png', size: 192, rounded: true, inset: 0.1 },
  { name: 'icon-512.png', size: 512, rounded: true, inset: 0.1 },
  { name: 'maskable-512.png', size: 512, rounded: false, inset: 0.2 },
  // iOS rounds the corners itself and shows transparency as black.
  { name: 'apple-touch-icon.png', size: 180, rounded: false, inset: 0.12 },
];

mkdirSync(out, { recursive: true });
for (const { name, size, rounded, inset } of ICONS) {
  await sharp(drawing({ rounded, inset }))
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toFile(out + name);
  console.log(`public/icons/${name}`);
}
