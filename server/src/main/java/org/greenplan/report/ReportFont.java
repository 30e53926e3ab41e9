package org.greenplan.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CJK font reports are written in, embedded (subset) into every PDF and used for the map's legend. A
 * TrueType-outline font is needed: PDFBox subsets glyf fonts, not the CFF outlines of Noto Sans CJK's
 * collection. WenQuanYi Micro Hei (Debian {@code fonts-wqy-microhei}, Apache-2.0 or GPL-3 with the font
 * exception: both allow embedding) is installed by {@code scripts/provision.sh}; {@code GREENPLAN_REPORT_FONT}
 * names another {@code .ttf}/{@code .ttc}.
 */
public final class ReportFont {

    /** Where Debian puts TrueType CJK fonts that allow embedding, first found wins. */
    static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    private static volatile Font awt;

    private ReportFont() {
    }

    /** The font file; a clear error naming the package to install when there is none. */
    public static Path file() {
        String configured = System.getenv("GREENPLAN_REPORT_FONT");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured.trim());
            if (!Files.isReadable(p)) {
                throw new MissingFont("GREENPLAN_REPORT_FONT=" + configured + " is not a readable font file");
            }
            return p;
        }
        return CANDIDATES.stream().filter(Files::isReadable).findFirst().orElseThrow(() -> new MissingFont(
                "no CJK TrueType font for reports: install the Debian package fonts-wqy-microhei "
                        + "(scripts/provision.sh does) or set GREENPLAN_REPORT_FONT to a .ttf/.ttc; looked in "
                        + CANDIDATES));
    }

    private static volatile byte[] bytes;

    /** The font file's bytes, read once (a PDF parses its own copy of the tables it subsets). */
    static byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            try {
                b = Files.readAllBytes(file());
            } catch (IOException e) {
                throw new MissingFont("cannot read the report font " + file() + ": " + e.getMessage());
            }
            bytes = b;
        }
        return b;
    }

    /** The same font for Java2D (map legends), loaded once; the first face of a collection. */
    static Font awt(float size) {
        Font f = awt;
        if (f == null) {
            try {
                f = Font.createFonts(file().toFile())[0];
            } catch (IOException | FontFormatException e) {
                throw new MissingFont("cannot read the report font " + file() + ": " + e.getMessage());
            }
            awt = f;
        }
        return f.deriveFont(size);
    }

    /** The server was installed without a font the reports can embed (a set-up fault, not the caller's). */
    public static final class MissingFont extends IllegalStateException {
        MissingFont(String message) {
            super(message);
        }
    }
}
