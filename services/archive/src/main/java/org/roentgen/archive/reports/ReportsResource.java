package org.roentgen.archive.reports;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.roentgen.archive.audit.AuditDetails;
import org.roentgen.archive.audit.AuditEvent;
import org.roentgen.archive.audit.Audited;
import org.roentgen.archive.auth.Roles;
import org.roentgen.archive.config.ArchiveConfig;

/**
 * The QA reports on the index (README "Reports"): dose per station and protocol and its per-exam
 * listing, the reject and repeat analysis per room, and labeling error rates per station and rule;
 * each as JSON or CSV. Reading a report is an export of records about patients' exposures (PS3.15
 * A.5.3.6, 110106 Export), audited like every access to patient data.
 */
@Path("/api/reports")
public class ReportsResource {
  private static final String CSV = Csv.MEDIA_TYPE;

  private final ReportStore store;
  private final DiLevels levels;
  private final int maxExams;
  private final AuditDetails audit;

  public ReportsResource(DataSource db, ArchiveConfig config, AuditDetails audit) {
    ArchiveConfig.Reports r = config.reports();
    this.store = new ReportStore(db);
    this.levels = new DiLevels(r.diActionLow(), r.diActionHigh(), r.diTarget());
    this.maxExams = r.maxExams();
    this.audit = audit;
  }

  @GET
  @Path("/dose")
  @RolesAllowed(Roles.QA)
  @Audited(AuditEvent.EXPORT)
  @Produces({MediaType.APPLICATION_JSON, CSV})
  public Response dose(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("station") String station,
      @QueryParam("modality") String modality,
      @QueryParam("format") String format,
      @Context HttpHeaders headers)
      throws SQLException {
    ReportQuery q;
    Rendering.Format f;
    try {
      q = ReportQuery.of(from, to, station, modality);
      f = Rendering.format(format, headers);
    } catch (IllegalArgumentException e) {
      return Rendering.badRequest(e.getMessage());
    }
    Table t = DoseReport.summary(store.exposures(q, 0, 0), levels);
    Map<String, Object> p = parameters(q);
    p.put("diActionLow", levels.actionLow());
    p.put("diActionHigh", levels.actionHigh());
    p.put("diTarget", levels.target());
    return answer(f, "dose", p, t);
  }

  @GET
  @Path("/dose/exams")
  @RolesAllowed(Roles.QA)
  @Audited(AuditEvent.EXPORT)
  @Produces({MediaType.APPLICATION_JSON, CSV})
  public Response doseExams(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("station") String station,
      @QueryParam("modality") String modality,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @QueryParam("format") String format,
      @Context HttpHeaders headers)
      throws SQLException {
    ReportQuery q;
    Rendering.Format f;
    try {
      q = ReportQuery.of(from, to, station, modality);
      f = Rendering.format(format, headers);
      if ((offset != null && offset < 0) || (limit != null && limit < 1)) {
        throw new IllegalArgumentException("offset is 0 or more, limit 1 or more");
      }
    } catch (IllegalArgumentException e) {
      return Rendering.badRequest(e.getMessage());
    }
    int from0 = offset == null ? 0 : offset;
    int n = limit == null ? maxExams : Math.min(limit, maxExams);
    List<DoseReport.Exposure> exposures = store.exposures(q, from0, n);
    for (DoseReport.Exposure e : exposures) {
      audit.study(e.studyInstanceUid());
      audit.instance(e.sopInstanceUid());
    }
    Map<String, Object> p = parameters(q);
    p.put("offset", from0);
    p.put("limit", n);
    return answer(f, "dose-exams", p, DoseReport.exams(exposures));
  }

  @GET
  @Path("/rejects")
  @RolesAllowed(Roles.QA)
  @Audited(AuditEvent.EXPORT)
  @Produces({MediaType.APPLICATION_JSON, CSV})
  public Response rejects(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("station") String station,
      @QueryParam("modality") String modality,
      @QueryParam("format") String format,
      @Context HttpHeaders headers)
      throws SQLException {
    ReportQuery q;
    Rendering.Format f;
    try {
      q = ReportQuery.of(from, to, station, modality);
      f = Rendering.format(format, headers);
    } catch (IllegalArgumentException e) {
      return Rendering.badRequest(e.getMessage());
    }
    return answer(f, "rejects", parameters(q), RejectAnalysis.table(store.images(q)));
  }

  @GET
  @Path("/labeling")
  @RolesAllowed(Roles.QA)
  @Audited(AuditEvent.EXPORT)
  @Produces({MediaType.APPLICATION_JSON, CSV})
  public Response labeling(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("station") String station,
      @QueryParam("modality") String modality,
      @QueryParam("format") String format,
      @Context HttpHeaders headers)
      throws SQLException {
    ReportQuery q;
    Rendering.Format f;
    try {
      q = ReportQuery.of(from, to, station, modality);
      f = Rendering.format(format, headers);
    } catch (IllegalArgumentException e) {
      return Rendering.badRequest(e.getMessage());
    }
    Table t = LabelingReport.table(store.validated(q), store.findings(q));
    return answer(f, "labeling", parameters(q), t);
  }

  private Response answer(
      Rendering.Format f, String report, Map<String, Object> parameters, Table t) {
    audit.detail("report", report);
    audit.detail("format", f.name());
    audit.detail("rows", t.rows().size());
    return Rendering.answer(f, report, parameters, t);
  }

  private static Map<String, Object> parameters(ReportQuery q) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("from", q.from());
    p.put("to", q.to());
    p.put("station", q.station());
    p.put("modality", q.modality());
    return p;
  }
}
