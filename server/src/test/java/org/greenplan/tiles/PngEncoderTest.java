package org.greenplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Our PNG writer against the JDK's PNG reader, pixel by pixel, alpha included. */
class PngEncoderTest {

    @Test
    void imageIoReadsBackEveryPixelExactly() throws Exception {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x33, 0x88, 0xff, 90)); // translucent, antialiased edges: many alpha values
        g.fill(new Ellipse2D.Double(20, 30, 180, 120));
        g.dispose();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) { // and arbitrary pixels, every channel
            image.setRGB(random.nextInt(256), random.nextInt(256), random.nextInt());
        }
        byte[] png = PngEncoder.encode(image);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(read.getWidth()).isEqualTo(256);
        assertThat(read.getHeight()).isEqualTo(256);
        assertThat(read.getColorModel().hasAlpha()).isTrue();
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertThat(read.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(image.getRGB(x, y));
            }
        }
    }

    @Test
    void aTileOfFewColoursIsWrittenIndexedAndReadsBackExactly() throws Exception {
        // one colour at every antialiasing alpha (a line layer's tile): transparent + 255 alphas = 256 values,
        // alpha x + y (mod 256) in pixel (x, y)
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int alpha = (x + y) & 255;
                image.setRGB(x, y, alpha == 0 ? 0 : alpha << 24 | 0x616161);
            }
        }
        byte[] png = PngEncoder.encode(image);
        assertThat(png[8 + 8 + 9]).as("IHDR colour type: palette").isEqualTo((byte) 3);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertThat(read.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(image.getRGB(x, y));
            }
        }
        // a 257th value: RGBA, still exact
        image.setRGB(5, 5, 0x12345678);
        byte[] rgba = PngEncoder.encode(image);
        assertThat(rgba[8 + 8 + 9]).as("IHDR colour type: RGBA").isEqualTo((byte) 6);
        assertThat(ImageIO.read(new ByteArrayInputStream(rgba)).getRGB(5, 5)).isEqualTo(0x12345678);
    }

    @Test
    void aTransparentTileIsSmall() {
        byte[] png = PngEncoder.encode(new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB));
        assertThat(png.length).as("256 KB of zero pixels").isLessThan(2048);
    }
}
