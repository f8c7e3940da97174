package org.roentgen.dicom.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;

/** Writing a file whose meta information names no transfer syntax is a clear error, not a crash. */
class WriteFileTest {
  @TempDir Path tmp;

  @Test
  void metaInformationWithoutTransferSyntaxIsRefusedBeforeAnythingIsWritten() {
    Attributes fmi =
        DicomOutputStream.createFileMetaInformation("1.2.3", "1.2.3.4", "1.2.840.10008.1.2.1");
    fmi.remove(Tag.TransferSyntaxUID);
    Path file = tmp.resolve("x.dcm");
    assertThatThrownBy(() -> DicomOutputStream.writeFile(file, fmi, new Attributes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0002,0010)");
    org.assertj.core.api.Assertions.assertThat(Files.exists(file)).isFalse();
  }
}
