package com.serviceradar.edge.server.install;

import com.serviceradar.edge.install.InstallScript;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Public;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code GET /install.sh} and the agent package it downloads; anonymous, as neither is secret. */
@Public("an edge host downloads these before it has any identity; neither holds a secret")
@RestController
class InstallController {

  static final MediaType DEBIAN_PACKAGE =
      MediaType.parseMediaType("application/vnd.debian.binary-package");

  private final AgentPackages packages;

  InstallController(AgentPackages packages) {
    this.packages = packages;
  }

  /**
   * The script with the URL this request came to, which the edge host just reached. Plain text
   * rather than a shell type, so a browser shows it for reading before anyone pipes it to sh.
   */
  @GetMapping("/install.sh")
  ResponseEntity<String> installScript() {
    URI controlPlane = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
    String script;
    try {
      script = InstallScript.render(controlPlane);
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid("Host: " + e.getMessage());
    }
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noCache())
        .body(script);
  }

  @GetMapping(InstallScript.AGENT_PACKAGE_PATH)
  ResponseEntity<Resource> agentPackage(@PathVariable String arch) {
    Path file = packages.find(arch);
    return ResponseEntity.ok()
        .contentType(DEBIAN_PACKAGE)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(file.getFileName().toString())
                .build()
                .toString())
        // A new version replaces the file under the same URL: always ask again.
        .cacheControl(CacheControl.noCache())
        .body(new FileSystemResource(file));
  }
}
