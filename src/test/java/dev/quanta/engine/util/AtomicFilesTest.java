package dev.quanta.engine.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic writes replace the target whole, leave no temporary file behind (also when the content
 * fails), create missing folders, and give the result the permissions of any new file (not the
 * owner-only ones of a JDK temporary file).
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesWholeAndCleansUp() throws IOException {
        Path target = dir.resolve("sub/model.tflite");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        AtomicFiles.write(target, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target), "a failed write keeps the old file");
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void resultHasTheUsualNewFilePermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written.tflite");
        AtomicFiles.write(written, new byte[] {1});
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(written));
    }
}
