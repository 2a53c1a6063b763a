// Files for the attachment tests, made here rather than kept as fixtures.
import sharp from 'sharp';

/** A PNG of the given size, as a screenshot would be. */
export const png = (width = 800, height = 600): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();

/** The smallest PDF file-type recognises. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
