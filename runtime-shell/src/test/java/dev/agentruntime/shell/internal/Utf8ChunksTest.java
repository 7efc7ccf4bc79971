package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {

    /** Bytes that make valid and malformed UTF-8 of every length, and ASCII. */
    private static final int[] BYTES = {'a', '\n', 0xC3, 0xA9, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F, 0x98, 0x80, 0xC0, 0xFF,
        0xED, 0xA0, 0xBF, 0xF4, 0x90, 0xE0, 0x82};

    @Test
    void piecesSplitAnywhereDecodeAsTheWholeDoes() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 20_000; round++) {
            byte[] all = new byte[random.nextInt(24)];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) BYTES[random.nextInt(BYTES.length)];
            }
            StringBuilder pieces = new StringBuilder();
            byte[] buffer = new byte[64];
            int kept = 0;
            for (int from = 0; from < all.length; ) {
                int n = Math.min(all.length - from, 1 + random.nextInt(6));
                System.arraycopy(all, from, buffer, kept, n);
                from += n;
                int end = kept + n;
                int complete = Utf8Chunks.completeLength(buffer, end);
                pieces.append(Utf8Chunks.decode(buffer, complete));
                kept = end - complete;
                System.arraycopy(buffer, complete, buffer, 0, kept);
            }
            pieces.append(Utf8Chunks.decode(buffer, kept));

            String whole = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(all)).toString();
            assertThat(pieces.toString()).as(java.util.HexFormat.of().formatHex(all)).isEqualTo(whole);
        }
    }

    @Test
    void aCharacterSplitAtTheEndIsKeptBack() {
        byte[] smile = {'x', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};

        assertThat(Utf8Chunks.completeLength(smile, 5)).isEqualTo(5);
        assertThat(Utf8Chunks.completeLength(smile, 4)).isEqualTo(1);
        assertThat(Utf8Chunks.completeLength(smile, 2)).isEqualTo(1);
        assertThat(Utf8Chunks.completeLength(smile, 1)).isEqualTo(1);
        assertThat(Utf8Chunks.completeLength(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}, 4))
                .as("continuation bytes with no start: malformed, not kept").isEqualTo(4);
    }
}
