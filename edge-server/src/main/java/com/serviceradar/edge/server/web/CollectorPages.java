package com.serviceradar.edge.server.web;

import com.serviceradar.edge.bundle.CollectorType;
import com.serviceradar.edge.server.collector.CollectorPackage;
import com.serviceradar.edge.server.collector.CollectorPackages;
import com.serviceradar.edge.server.collector.PackageStatus;
import com.serviceradar.edge.server.site.EdgeSite;
import com.serviceradar.edge.server.site.EdgeSites;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.BundleDownloads;
import com.serviceradar.edge.server.system.DisplayName;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantReader;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's collector packages: the list for admins and viewers; creating, downloading and
 * revoking for admins only (every one of those is a POST, which the page chain allows tenant admins
 * alone).
 */
@Controller
@RequestMapping("/admin/collectors")
class CollectorPages {

  /** The filter value that selects collectors of the SaaS hub, which have no edge site. */
  static final String SAAS = "saas";

  static final String SAAS_LABEL = "SaaS (no edge site)";

  /** The create form as posted; {@code edgeSiteId} empty for the SaaS hub. */
  record CollectorForm(String collectorType, String name, String edgeSiteId) {

    static CollectorForm empty() {
      return new CollectorForm("", "", "");
    }
  }

  /** A table row. */
  record Row(
      UUID id,
      String type,
      String name,
      String site,
      String natsUrl,
      String status,
      OffsetDateTime createdAt) {

    public boolean active() {
      return PackageStatus.ACTIVE.wireName().equals(status);
    }
  }

  private final CollectorPackages packages;
  private final EdgeSites sites;

  CollectorPages(CollectorPackages packages, EdgeSites sites) {
    this.packages = packages;
    this.sites = sites;
  }

  @ModelAttribute("collectorTypes")
  List<String> collectorTypes() {
    return Arrays.stream(CollectorType.values()).map(CollectorType::wireName).toList();
  }

  @TenantReader
  @GetMapping
  String list(Actor actor, @RequestParam Optional<String> site, Model model) {
    return page(actor, site, CollectorForm.empty(), Map.of(), model);
  }

  @TenantAdmin
  @PostMapping
  String create(
      Actor actor, @ModelAttribute CollectorForm form, Model model, RedirectAttributes redirect) {
    Map<String, String> errors = new LinkedHashMap<>();
    CollectorType type = null;
    try {
      type = CollectorType.fromWireName(form.collectorType());
    } catch (IllegalArgumentException e) {
      errors.put("collectorType", "Choose one of " + String.join(", ", collectorTypes()) + ".");
    }
    String name = blankToNull(form.name());
    if (name != null) {
      try {
        name = DisplayName.require("name", name);
      } catch (ApiProblemException e) {
        errors.put("name", e.getMessage());
      }
    }
    UUID siteId = null;
    if (blankToNull(form.edgeSiteId()) != null) {
      try {
        siteId = UUID.fromString(form.edgeSiteId().strip());
      } catch (IllegalArgumentException e) {
        errors.put("edgeSiteId", "Choose an edge site from the list, or SaaS.");
      }
    }
    if (errors.isEmpty()) {
      try {
        CollectorPackages.Listed created =
            packages.create(actor, new CollectorPackages.Request(type.wireName(), siteId, name));
        redirect.addFlashAttribute(
            "notice", "Created collector package " + created.collector().name() + ".");
        return "redirect:/admin/collectors";
      } catch (ApiProblemException e) {
        // Past the checks above, what the collector module refuses is the site: unknown (404) or
        // without a NATS leaf URL for its collectors to reach (409).
        errors.put(e.status() == HttpStatus.BAD_REQUEST ? "form" : "edgeSiteId", e.getMessage());
      }
    }
    return page(actor, Optional.empty(), form, errors, model);
  }

  /**
   * The bundle holds the package's key and creds: a POST, so only admins get it and it is
   * CSRF-safe.
   */
  @TenantAdmin
  @PostMapping("/{id}/bundle")
  ResponseEntity<byte[]> download(Actor actor, @PathVariable UUID id) {
    return BundleDownloads.attachment(packages.downloadBundle(actor, id));
  }

  /** Revoking cannot be undone: the first POST asks to confirm, the second (confirmed) revokes. */
  @TenantAdmin
  @PostMapping("/{id}/revoke")
  String revoke(
      Actor actor,
      @PathVariable UUID id,
      @RequestParam(defaultValue = "false") boolean confirmed,
      Model model,
      RedirectAttributes redirect) {
    if (!confirmed) {
      model.addAttribute("collector", rowOf(packages.find(actor, id), siteNames(actor)));
      return "collectors/revoke";
    }
    CollectorPackage revoked = packages.revoke(actor, id).collector();
    redirect.addFlashAttribute(
        "notice",
        "Revoked collector package "
            + revoked.name()
            + ". Install the edge sites' new bundles so their leafs refuse it too.");
    return "redirect:/admin/collectors";
  }

  private String page(
      Actor actor,
      Optional<String> siteFilter,
      CollectorForm form,
      Map<String, String> errors,
      Model model) {
    List<EdgeSite> tenantSites = sites.list(actor);
    Map<UUID, String> siteNames = siteNames(tenantSites);
    String filter = siteFilter.map(String::strip).orElse("");
    List<CollectorPackages.Listed> listed =
        switch (filter) {
          case "" -> packages.list(actor, Optional.empty());
          case SAAS ->
              packages.list(actor, Optional.empty()).stream()
                  .filter(each -> siteNames.get(each.collector().edgeSiteId()) == null)
                  .toList();
          default -> packages.list(actor, Optional.of(siteIdOf(filter)));
        };
    model.addAttribute("rows", listed.stream().map(each -> rowOf(each, siteNames)).toList());
    model.addAttribute("sites", tenantSites);
    model.addAttribute("siteFilter", filter);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "collectors/list";
  }

  private Map<UUID, String> siteNames(Actor actor) {
    return siteNames(sites.list(actor));
  }

  private static Map<UUID, String> siteNames(List<EdgeSite> sites) {
    return sites.stream().collect(Collectors.toMap(EdgeSite::id, EdgeSite::name));
  }

  private static Row rowOf(CollectorPackages.Listed listed, Map<UUID, String> siteNames) {
    CollectorPackage collector = listed.collector();
    String site =
        Optional.ofNullable(collector.edgeSiteId()).map(siteNames::get).orElse(SAAS_LABEL);
    return new Row(
        collector.id(),
        collector.type().wireName(),
        collector.name(),
        site,
        listed.natsUrl().map(Object::toString).orElse(""),
        collector.status().wireName(),
        collector.createdAt());
  }

  private static UUID siteIdOf(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid("site must be an edge site's id or '" + SAAS + "'");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
