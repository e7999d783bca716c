package io.learnchain.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's QR code ({@code /qr.svg}), read back as a phone would: it holds the node's address. */
class QrCodeIT {
    private static final Pattern VIEW = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    /** Decodes the SVG's dark modules, scaled up four times, with ZXing's reader. */
    private static String decode(String svg) throws Exception {
        Matcher size = VIEW.matcher(svg);
        assertTrue(size.find(), svg);
        int modules = Integer.parseInt(size.group(1));
        int scale = 4;
        int side = modules * scale;
        byte[] pixels = new byte[side * side];
        java.util.Arrays.fill(pixels, (byte) 255);
        Matcher dark = MODULE.matcher(svg);
        while (dark.find()) {
            int x = Integer.parseInt(dark.group(1));
            int y = Integer.parseInt(dark.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * side + x * scale + dx] = 0;
                }
            }
        }
        LuminanceSource source = new LuminanceSource(side, side) {
            @Override
            public byte[] getRow(int y, byte[] row) {
                byte[] out = row != null && row.length >= side ? row : new byte[side];
                System.arraycopy(pixels, y * side, out, 0, side);
                return out;
            }

            @Override
            public byte[] getMatrix() {
                return pixels;
            }
        };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    @Test
    void theQrCodeHoldsTheNodesAddressOrItsPublicUrl() throws Exception {
        try (TestNode node = TestNode.start("/class", Map.of())) {
            Http.Answer qr = Http.get(node.url() + "/qr.svg");
            assertEquals(200, qr.status());
            assertTrue(qr.header("Content-Type").startsWith("image/svg+xml"), qr.header("Content-Type"));
            assertEquals(node.url() + "/", decode(qr.body()));
        }
        try (TestNode lan = TestNode.start("/", Map.of("blockchain.publicUrl", "http://192.168.1.20:5000"))) {
            assertEquals("http://192.168.1.20:5000/", decode(Http.get(lan.url() + "/qr.svg").body()), "what students' laptops reach");
        }
    }
}
