package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.collector.CollectorPackages;
import com.serviceradar.edge.server.site.EdgeSite;
import com.serviceradar.edge.server.site.EdgeSites;
import com.serviceradar.edge.server.site.SiteBuffers;
import com.serviceradar.edge.server.site.SiteConditions;
import com.serviceradar.edge.server.site.SiteStatus;
import com.serviceradar.edge.server.site.SiteStream;
import com.serviceradar.edge.server.site.SiteTimeline;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.BundleDownloads;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantReader;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A tenant's edge sites: the live list and each site's page, with the admin's changes (leaf URL,
 * regenerate, delete) and the bundle download. Viewers see the same pages without the changes.
 */
@Controller
@RequestMapping("/admin/edge-sites")
class EdgeSitePages {

  static final int TIMELINE_LENGTH = 25;

  private final EdgeSites sites;
  private final SiteConditions conditions;
  private final SiteTimeline timeline;
  private final SiteStream stream;
  private final CollectorPackages collectors;
  private final SiteBuffers buffers;
  private final Clock clock;

  EdgeSitePages(
      EdgeSites sites,
      SiteConditions conditions,
      SiteTimeline timeline,
      SiteStream stream,
      CollectorPackages collectors,
      SiteBuffers buffers,
      Clock clock) {
    this.buffers = buffers;
    this.sites = sites;
    this.conditions = conditions;
    this.timeline = timeline;
    this.stream = stream;
    this.collectors = collectors;
    this.clock = clock;
  }

  @TenantReader
  @GetMapping
  String list(
      Actor actor,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      Model model) {
    model.addAttribute(
        "statuses", Arrays.stream(SiteStatus.values()).map(SiteStatus::wireName).toList());
    model.addAttribute("status", status == null ? "" : status);
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("rows", rows(actor, status, q));
    return "sites/list";
  }

  /** The table body alone: htmx swaps it in when a filter changes or a site changes. */
  @TenantReader
  @GetMapping("/rows")
  String rowsFragment(
      Actor actor,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      Model model) {
    model.addAttribute("rows", rows(actor, status, q));
    return "sites/list :: rows";
  }

  /** Every change to one of the tenant's sites, as it happens (the site module's stream). */
  @TenantReader
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter stream(Actor actor) {
    // A subscription without a tenant would carry every tenant's sites.
    actor.requireTenant();
    return stream.subscribe(actor);
  }

  @TenantReader
  @GetMapping("/{siteId}")
  String detail(Actor actor, @PathVariable UUID siteId, Model model) {
    addDetail(model, actor, sites.find(actor, siteId));
    return "sites/detail";
  }

  /** The live part of the site page (status, leaf, conditions, timeline). */
  @TenantReader
  @GetMapping("/{siteId}/health")
  String health(Actor actor, @PathVariable UUID siteId, Model model) {
    addDetail(model, actor, sites.find(actor, siteId));
    return "sites/detail :: health";
  }

  // The bundle holds the site's keys: tenant admins only.
  @TenantAdmin
  @GetMapping("/{siteId}/bundle")
  ResponseEntity<byte[]> bundle(Actor actor, @PathVariable UUID siteId) {
    return BundleDownloads.attachment(sites.downloadBundle(actor, siteId));
  }

  /** A blank URL clears it: collectors then cannot be given this site's address. */
  @TenantAdmin
  @PostMapping("/{siteId}/leaf-url")
  String changeLeafUrl(
      Actor actor,
      @PathVariable UUID siteId,
      @RequestParam(defaultValue = "") String natsLeafUrl,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    String url = natsLeafUrl.strip();
    try {
      sites.update(
          actor,
          siteId,
          new EdgeSites.Changes(
              Optional.empty(), Optional.of(url.isEmpty() ? Optional.empty() : Optional.of(url))));
    } catch (ApiProblemException e) {
      if (e.status().value() != 400) {
        throw e;
      }
      return detailWithError(actor, siteId, model, response, "leafUrlError", e, url);
    }
    redirect.addFlashAttribute(
        "notice", "NATS leaf URL saved. Download the bundle again for the new server certificate.");
    return "redirect:/admin/edge-sites/" + siteId;
  }

  /** The form takes hours and MiB; the API's limits are seconds and bytes. */
  @TenantAdmin
  @PostMapping("/{siteId}/buffer")
  String changeBuffer(
      Actor actor,
      @PathVariable UUID siteId,
      @RequestParam(defaultValue = "") String maxAgeHours,
      @RequestParam(defaultValue = "") String maxMebibytes,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    sites.find(actor, siteId);
    try {
      long hours = wholeNumber("Keep messages for", maxAgeHours, 1, 8_760, "hours");
      long mebibytes = wholeNumber("Buffer size", maxMebibytes, 1, 10_240, "MiB");
      buffers.changeLimits(actor, siteId, hours * 3600, mebibytes << 20);
    } catch (ApiProblemException e) {
      if (e.status().value() != 400) {
        throw e;
      }
      return detailWithError(actor, siteId, model, response, "bufferError", e, null);
    }
    redirect.addFlashAttribute(
        "notice", "Buffer limits saved. The leaf's buffer takes them while it is connected.");
    return "redirect:/admin/edge-sites/" + siteId;
  }

  private static long wholeNumber(String label, String entered, long min, long max, String unit) {
    try {
      long value = Long.parseLong(entered.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like a number out of range
    }
    throw ApiProblemException.invalid(
        label + " must be a whole number of " + unit + " from " + min + " to " + max);
  }

  @TenantAdmin
  @PostMapping("/{siteId}/regenerate")
  String regenerate(Actor actor, @PathVariable UUID siteId, RedirectAttributes redirect) {
    sites.regenerate(actor, siteId);
    redirect.addFlashAttribute(
        "notice",
        "New certificates and leaf user issued; the old ones stop working. Download the bundle"
            + " and run setup.sh again on the edge host.");
    return "redirect:/admin/edge-sites/" + siteId;
  }

  /** Deleting needs the slug typed in, so a site is never removed by a stray click. */
  @TenantAdmin
  @PostMapping("/{siteId}/delete")
  String delete(
      Actor actor,
      @PathVariable UUID siteId,
      @RequestParam(defaultValue = "") String confirmSlug,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    EdgeSite site = sites.find(actor, siteId);
    if (!site.slug().value().equals(confirmSlug.strip())) {
      return detailWithError(
          actor,
          siteId,
          model,
          response,
          "deleteError",
          ApiProblemException.invalid("type the slug " + site.slug() + " to delete this site"),
          null);
    }
    sites.delete(actor, siteId);
    redirect.addFlashAttribute("notice", "Edge site " + site.name() + " deleted.");
    return "redirect:/admin/edge-sites";
  }

  private String detailWithError(
      Actor actor,
      UUID siteId,
      Model model,
      HttpServletResponse response,
      String field,
      ApiProblemException error,
      String enteredLeafUrl) {
    response.setStatus(error.status().value());
    addDetail(model, actor, sites.find(actor, siteId));
    model.addAttribute(field, error.getMessage());
    if (enteredLeafUrl != null) {
      model.addAttribute("leafUrlValue", enteredLeafUrl);
    }
    return "sites/detail";
  }

  private void addDetail(Model model, Actor actor, EdgeSite site) {
    Instant now = clock.instant();
    model.addAttribute("site", site);
    model.addAttribute("row", SiteRow.of(site, now));
    model.addAttribute("leaf", site.leafServer());
    model.addAttribute("connectedSince", RelativeTime.since(site.leafServer().connectedAt(), now));
    model.addAttribute(
        "lastDisconnect", RelativeTime.since(site.leafServer().disconnectedAt(), now));
    model.addAttribute("conditions", conditions.conditions(site.id()));
    model.addAttribute("timeline", timeline.timeline(site.id(), TIMELINE_LENGTH));
    model.addAttribute("collectors", collectors.list(actor, Optional.of(site.id())));
    model.addAttribute("buffer", BufferView.of(buffers.find(site.id()), now));
    if (!model.containsAttribute("leafUrlValue")) {
      model.addAttribute(
          "leafUrlValue", site.natsLeafUrl() == null ? "" : site.natsLeafUrl().toString());
    }
  }

  private List<SiteRow> rows(Actor actor, String status, String query) {
    Optional<String> wantedStatus = statusFilter(status);
    String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    return sites.list(actor).stream()
        .filter(site -> wantedStatus.map(site.status().wireName()::equals).orElse(true))
        .filter(site -> site.name().toLowerCase(Locale.ROOT).contains(needle))
        .sorted(Comparator.comparing(site -> site.name().toLowerCase(Locale.ROOT)))
        .map(site -> SiteRow.of(site, now))
        .toList();
  }

  private static Optional<String> statusFilter(String status) {
    if (status == null || status.isBlank()) {
      return Optional.empty();
    }
    String wanted = status.strip();
    if (Arrays.stream(SiteStatus.values()).noneMatch(known -> known.wireName().equals(wanted))) {
      throw ApiProblemException.invalid("status must be pending, active or offline");
    }
    return Optional.of(wanted);
  }
}
