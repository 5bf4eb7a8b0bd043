package com.serviceradar.edge.natsauth;

import static io.nats.client.support.JsonUtils.addField;
import static io.nats.client.support.JsonUtils.addFieldWhenGteMinusOne;
import static io.nats.client.support.JsonUtils.addStrings;
import static io.nats.client.support.JsonUtils.beginJson;
import static io.nats.client.support.JsonUtils.endJson;

import io.nats.client.support.JsonSerializable;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code nats} claim of operator and account JWTs. jnats has classes only for user claims, so
 * these are written here, in the shape nats-server 2.9 was seen to accept (NATS-FACTS.md).
 */
final class NatsClaims {

  private static final long UNLIMITED = -1;

  private NatsClaims() {}

  static JsonSerializable operator(List<String> signingKeys, String systemAccount) {
    return () -> {
      StringBuilder json = beginJson();
      addField(json, "type", "operator");
      addField(json, "version", 2);
      addStrings(json, "signing_keys", signingKeys);
      addField(json, "system_account", systemAccount);
      return endJson(json).toString();
    };
  }

  /**
   * The system account: unlimited, without JetStream (it carries server and monitoring traffic).
   */
  static JsonSerializable systemAccount(List<String> signingKeys) {
    return account(signingKeys, false, Map.of());
  }

  /**
   * A tenant account: unlimited, with JetStream enabled through the flat storage limits (without
   * them the server answers {@code 10039 JetStream not enabled for account}, NATS-FACTS.md).
   *
   * @param revocations user public key (or {@code *}) to unix seconds; written sorted
   */
  static JsonSerializable tenantAccount(List<String> signingKeys, Map<String, Long> revocations) {
    return account(signingKeys, true, revocations);
  }

  private static JsonSerializable account(
      List<String> signingKeys, boolean jetStream, Map<String, Long> revocations) {
    SortedMap<String, Long> sortedRevocations = new TreeMap<>(revocations);
    return () -> {
      StringBuilder json = beginJson();
      addField(json, "type", "account");
      addField(json, "version", 2);
      addField(json, "limits", limits(jetStream));
      addStrings(json, "signing_keys", signingKeys);
      if (!sortedRevocations.isEmpty()) {
        addField(json, "revocations", numbers(sortedRevocations));
      }
      return endJson(json).toString();
    };
  }

  private static JsonSerializable limits(boolean jetStream) {
    return () -> {
      StringBuilder json = beginJson();
      addFieldWhenGteMinusOne(json, "subs", UNLIMITED);
      addFieldWhenGteMinusOne(json, "data", UNLIMITED);
      addFieldWhenGteMinusOne(json, "payload", UNLIMITED);
      addFieldWhenGteMinusOne(json, "imports", UNLIMITED);
      addFieldWhenGteMinusOne(json, "exports", UNLIMITED);
      addField(json, "wildcards", true);
      addFieldWhenGteMinusOne(json, "conn", UNLIMITED);
      addFieldWhenGteMinusOne(json, "leaf", UNLIMITED);
      if (jetStream) {
        addFieldWhenGteMinusOne(json, "mem_storage", UNLIMITED);
        addFieldWhenGteMinusOne(json, "disk_storage", UNLIMITED);
        addFieldWhenGteMinusOne(json, "streams", UNLIMITED);
        addFieldWhenGteMinusOne(json, "consumer", UNLIMITED);
      }
      return endJson(json).toString();
    };
  }

  private static JsonSerializable numbers(SortedMap<String, Long> values) {
    return () -> {
      StringBuilder json = beginJson();
      values.forEach((key, value) -> addField(json, key, value));
      return endJson(json).toString();
    };
  }
}
