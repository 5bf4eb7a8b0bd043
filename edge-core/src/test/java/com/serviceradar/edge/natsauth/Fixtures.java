package com.serviceradar.edge.natsauth;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pinned nkeys (generated once with jnats' {@code NKey.create*}) and a pinned clock, so the unit
 * tests can assert exact claims. Test keys only: they protect nothing.
 */
final class Fixtures {

  static final Seed OPERATOR =
      Seed.of("SOAB2WKQOFHMTJOQMF4MG3D24NJQWEWXYQ4OQKULTYYVLE43PGXYQ4ZZ3M");
  static final String OPERATOR_PUBLIC = "ODSLA6ZFKJFWUGQMOOLGEF6P5TKHQ5BC4MJ2JI52ERSWGCZGVXBBD76A";
  static final Seed OPERATOR_SIGNING =
      Seed.of("SOAJYDZBTR5NW46XSNPZE4MZWIMEI2DJOEWXZOIS24OMCGTJU7WQ2T2OZA");
  static final String OPERATOR_SIGNING_PUBLIC =
      "ODIOOJKHH6PR3ZNA3H3NFTEDM3GZW3QSQHBARJEPEGVECBW7SVKZWB6Y";
  static final Seed OTHER_OPERATOR =
      Seed.of("SOANK4O7LUNIWQKEXOOORS4NBDJGTHE3OIUV5CHPI3DNUOBNPGVU5UVQY4");
  static final Seed OTHER_OPERATOR_SIGNING =
      Seed.of("SOAG6SGENDJAFMRQ5VJNIHOG6GRAMWNBVKR4S4FSMKWQUK4ZC3YWOHR7QQ");
  static final String OTHER_OPERATOR_SIGNING_PUBLIC =
      "ODN35ZGD6W4MTNMNRAVDCGJJLGD56YNSP25OTFTRJUABHTUZP5UTFFH6";

  static final Seed SYSTEM_ACCOUNT =
      Seed.of("SAABNVRC2G2BWGXE4PRMKD6WYTZKXIL5XYKO5DAYZBGVGWHD6RDNPAG75Q");
  static final String SYSTEM_ACCOUNT_PUBLIC =
      "AD4PADRZMAF6O7BSTKENYAWFUHYDPEAKZ2DGEOOKQBYP3TRQPZ5TIOPD";
  static final Seed SYSTEM_ACCOUNT_SIGNING =
      Seed.of("SAAGWAVILYPETTDVGURKC23YMPIKQTIAFLT52RYXQ5TOI6YFNTS6LJ767Y");
  static final String SYSTEM_ACCOUNT_SIGNING_PUBLIC =
      "AAOVUHHQPCEC7LUKZF3FMT6DWLK735GHEVDPBXN5FKIN4ERNRJX2NHKU";
  static final Seed TENANT_ACCOUNT =
      Seed.of("SAAD2O5EY7OC4CWMF3MAQVWWQJFX2Z4RWOK3E4ZSRZMO5XHVDTQIJTGYKA");
  static final String TENANT_ACCOUNT_PUBLIC =
      "ADLTRVNACYSGTG5PBGV2UHVVGGP7EKXMVV2YCZP6MMVW5E5DFEWAPCKQ";
  static final Seed TENANT_ACCOUNT_SIGNING =
      Seed.of("SAAJA5HL67CWZMYZVWCA7Y54DXUXLPYDYK2VTLTYRJVE76YXVSRQRG7D3U");
  static final String TENANT_ACCOUNT_SIGNING_PUBLIC =
      "AAHBLBU2QZ2I5262VKJUDQ6MEICOGA7TQGVAP7NWPCUFRXHWKEJGED3L";
  static final Seed OTHER_ACCOUNT =
      Seed.of("SAAPA4I5BOKSCDWE5QJPDT6H7NTPEL62CSLHWQ7ZWBJLNGXKXT7YHZGADQ");

  static final Seed LEAF_USER =
      Seed.of("SUAIIUSDWRTZM2CZYOMFBMBFWWMDM4X2GFJBFZHBMSFOUWS22DM52ITX74");
  static final String LEAF_USER_PUBLIC = "UAN5POJS7BOOG57CMV7ATQKKISUMSN4DKRHGO7DLWTGCMGUYK6TTKEGL";
  static final Seed MONITOR_USER =
      Seed.of("SUAKZXFSI7255JWRCP4Q6FG53RG7NHHEMUT5TOVKJA7A6ULF2RPJQFESQE");
  static final String MONITOR_USER_PUBLIC =
      "UD7WJGMSNI275NUO7ND5T2GBXRDQNRXFFGE5IKPPUSZO6H7GALTU77HS";
  static final Seed COLLECTOR_USER =
      Seed.of("SUAF7ETITWU4AF6QBW5B3FUANTEYL7OPIWPSX2XXDRGYOQYRXTGCMM2XPE");
  static final String COLLECTOR_USER_PUBLIC =
      "UD3OPRIIOW646NL7GQF6HFJ4IBENBIYTUR5CGSWDD6LEXWOV2GFBHF45";

  static final List<Seed> ALL_SEEDS =
      List.of(
          OPERATOR,
          OPERATOR_SIGNING,
          OTHER_OPERATOR,
          OTHER_OPERATOR_SIGNING,
          SYSTEM_ACCOUNT,
          SYSTEM_ACCOUNT_SIGNING,
          TENANT_ACCOUNT,
          TENANT_ACCOUNT_SIGNING,
          OTHER_ACCOUNT,
          LEAF_USER,
          MONITOR_USER,
          COLLECTOR_USER);

  static final Instant ISSUED_AT = Instant.parse("2026-03-01T12:00:00Z");
  static final long ISSUED_AT_SECONDS = ISSUED_AT.getEpochSecond();
  static final TenantSlug TENANT = TenantSlug.of("acme");
  static final SiteSlug SITE = SiteSlug.of("nyc-office");
  static final UUID SITE_ID = UUID.fromString("6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42");

  private Fixtures() {}

  static NatsIdentities identitiesAt(Instant now) {
    return new NatsIdentities(Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
  }

  static NatsOperator operator() {
    return identitiesAt(ISSUED_AT)
        .createOperator(
            "serviceradar", OPERATOR, OPERATOR_SIGNING, SYSTEM_ACCOUNT, SYSTEM_ACCOUNT_SIGNING);
  }

  static TenantAccount tenantAccount(NatsOperator operator) {
    return identitiesAt(ISSUED_AT)
        .createTenantAccount(operator, TENANT, TENANT_ACCOUNT, TENANT_ACCOUNT_SIGNING);
  }

  /** A JWT's claims as plain maps, lists, strings, longs and booleans (signature not checked). */
  static Map<String, Object> claims(String jwt) {
    String body = jwt.split("\\.")[1];
    return asMap(
        JsonParser.parseUnchecked(
            new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> nats(String jwt) {
    return (Map<String, Object>) claims(jwt).get("nats");
  }

  private static Map<String, Object> asMap(JsonValue value) {
    Map<String, Object> map = new LinkedHashMap<>();
    value.map.forEach((key, item) -> map.put(key, plain(item)));
    return map;
  }

  private static Object plain(JsonValue value) {
    if (value.map != null) {
      return asMap(value);
    }
    if (value.array != null) {
      List<Object> list = new ArrayList<>();
      value.array.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (value.number != null) {
      return value.number.longValue();
    }
    if (value.bool != null) {
      return value.bool;
    }
    return value.string;
  }
}
