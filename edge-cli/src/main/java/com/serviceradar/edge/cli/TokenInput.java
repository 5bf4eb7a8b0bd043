package com.serviceradar.edge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A secret given as {@code --token TEXT}, {@code --token-file FILE} or {@code --token-file -}
 * (standard input). Every local user can read a process's arguments in {@code ps}, so the file and
 * stdin forms are the ones that keep a token private on a shared host. Messages never quote what
 * was read.
 */
final class TokenInput {

  /** Far more than any token; a bigger file is the wrong file, not a token. */
  private static final int MAX_BYTES = 8192;

  private TokenInput() {}

  /**
   * The token from {@code --token} or {@code --token-file}, empty when neither was given.
   *
   * @throws ExitException a usage error when both were given, or the file holds no single token
   */
  static Optional<String> resolve(String token, String tokenFile, CliContext context) {
    if (token != null && tokenFile != null) {
      throw ExitException.usage(
          "give the token with --token or with --token-file, not both"
              + " (--token-file keeps it out of ps)");
    }
    if (tokenFile != null) {
      return Optional.of(read(tokenFile, context));
    }
    return Optional.ofNullable(token).filter(text -> !text.isBlank());
  }

  private static String read(String tokenFile, CliContext context) {
    boolean stdin = tokenFile.equals("-");
    String source = stdin ? "standard input (--token-file -)" : "--token-file " + tokenFile;
    byte[] bytes;
    try (InputStream in = stdin ? context.in() : Files.newInputStream(Path.of(tokenFile))) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw ExitException.usage("cannot read " + source + ": no such file");
    } catch (IOException e) {
      throw ExitException.usage("cannot read " + source + ": " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw ExitException.usage(
          source + " holds more than " + MAX_BYTES + " bytes: that is not a token");
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw ExitException.usage(source + " is empty: it must hold the token");
    }
    if (text.chars().anyMatch(Character::isWhitespace)) {
      throw ExitException.usage(source + " must hold the token alone, on one line");
    }
    return text;
  }
}
