import sharp from 'sharp';

/** A small deterministic PRNG (mulberry32), so the same slug always draws the same picture. */
function random(seed: string): () => number {
  let a = 0;
  for (const ch of seed) a = (Math.imul(a ^ ch.charCodeAt(0), 2654435761) >>> 0) + 1;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ridge(rand: () => number, width: number, base: number, amplitude: number): string {
  const points: string[] = [`M0 ${base}`];
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    const x = (width / steps) * i;
    const y = base - rand() * amplitude;
    points.push(`Q ${x - width / steps / 2} ${y - amplitude / 3} ${x} ${y}`);
  }
  return points.join(' ');
}

/** An abstract landscape (sky, sun, three ridges, water) in the given hue, as JPEG. */
export async function drawIllustration(seed: string, hue: number, width = 1600, height = 1000): Promise<Buffer> {
  const rand = random(seed);
  const sunX = 200 + rand() * (width - 400);
  const sunY = 150 + rand() * 250;
  const layers = [0, 1, 2].map((i) => {
    const base = height * (0.55 + i * 0.12);
    return `<path d="${ridge(rand, width, base, 120 - i * 25)} L ${width} ${height} L 0 ${height} Z" fill="hsl(${(hue + i * 12) % 360} ${45 - i * 8}% ${42 - i * 10}%)"/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
<stop offset="0" stop-color="hsl(${hue} 60% 78%)"/><stop offset="1" stop-color="hsl(${(hue + 30) % 360} 70% 90%)"/>
</linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>
<circle cx="${sunX}" cy="${sunY}" r="${70 + rand() * 50}" fill="hsl(${(hue + 180) % 360} 80% 85%)" opacity="0.9"/>
${layers.join('\n')}
<rect y="${height * 0.88}" width="${width}" height="${height * 0.12}" fill="hsl(${hue} 50% 30%)" opacity="0.6"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}
