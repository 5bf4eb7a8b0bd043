package com.serviceradar.edge.verify;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.BundleFile;
import com.serviceradar.edge.bundle.TarGz;
import java.util.ArrayList;
import java.util.List;

/** Rebuilds a bundle's tar.gz with one byte of one file changed and the manifest left as it was. */
final class TarTamper {

  private TarTamper() {}

  static byte[] changeOneByte(Bundle bundle, String path) {
    List<BundleFile> files = new ArrayList<>();
    for (BundleFile file : bundle.files()) {
      if (file.path().equals(path)) {
        byte[] content = file.content();
        content[content.length / 2] ^= 0x01;
        files.add(new BundleFile(path, content, file.mode()));
      } else {
        files.add(file);
      }
    }
    return TarGz.write(bundle.topFolder(), files);
  }
}
