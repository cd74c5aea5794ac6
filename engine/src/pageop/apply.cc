#include "pageop/apply.h"

#include <cstring>
#include <vector>

#include "format/checksum.h"
#include "format/endian.h"
#include "format/page.h"
#include "format/page_editor.h"

namespace jet {

namespace {

// PageEditor reports a line out of range or a page without room as
// JET_errInvalidParameter. The record was validated before, so here it means
// the page is not the page the record was made for.
JET_ERR PageMismatch(JET_ERR err) {
  return err == JET_errInvalidParameter ? JET_errDatabaseCorrupted : err;
}

JET_ERR CheckDbTimeBefore(const PageOperation& op, DbTime page_dbtime) {
  if (IsWholePageKind(op.kind)) {
    return JET_errSuccess;
  }
  if (page_dbtime < op.dbtime_before) {
    return JET_errDbTimeTooOld;  // ese-facts §5: a change to the page is missing
  }
  if (page_dbtime > op.dbtime_before) {
    return JET_errDbTimeTooNew;
  }
  return JET_errSuccess;
}

// Whether `node` may go on the page `view` describes: its prefix must exist
// there, and FDP root pages (other than space-tree roots) take no prefix
// (ESE ignores cbPrefix there; libesedb refuses it).
bool PrefixFits(const PageView& view, const NodeImage& node) {
  if (node.cb_prefix == 0) {
    return true;
  }
  if (view.Has(kPageFlagRoot) && !view.Has(kPageFlagSpaceTree)) {
    return false;
  }
  return node.cb_prefix <= view.PrefixSource().size();
}

JET_ERR EncodeImage(const NodeImage& node, std::vector<uint8_t>* line, uint8_t* flags) {
  *flags = node.flags;
  return EncodeNode(node.cb_prefix, node.suffix, node.data, line, flags);
}

JET_ERR InsertNodes(PageEditor& editor, int iline, const std::vector<NodeImage>& nodes) {
  std::vector<uint8_t> line;
  for (const NodeImage& node : nodes) {
    uint8_t flags = 0;
    JET_ERR err = EncodeImage(node, &line, &flags);
    if (err < 0) {
      return err;
    }
    err = editor.Insert(iline++, line, flags);
    if (err < 0) {
      return PageMismatch(err);
    }
  }
  return JET_errSuccess;
}

// An empty header as a span that still points somewhere: PageEditor hands
// the pointer to memmove / memcpy, which must not get null even for 0 bytes.
std::span<const uint8_t> HeaderBytes(const std::vector<uint8_t>& header) {
  static const uint8_t kNothing = 0;
  return header.empty() ? std::span<const uint8_t>(&kNothing, 0) : std::span<const uint8_t>(header);
}

JET_ERR ApplyHeaderChange(PageEditor& editor, const PageHeaderChange& h) {
  if (h.external_header) {
    const JET_ERR err = editor.SetExternalHeader(HeaderBytes(*h.external_header));
    if (err < 0) {
      return PageMismatch(err);
    }
  }
  if (h.pgno_prev) editor.SetPgnoPrev(*h.pgno_prev);
  if (h.pgno_next) editor.SetPgnoNext(*h.pgno_next);
  if (h.flags) editor.SetFlags(*h.flags);
  if (h.objid_fdp) editor.SetObjidFdp(*h.objid_fdp);
  return JET_errSuccess;
}

// Node kinds: one PageEditor call, which checks everything before it
// changes a byte, so they work on the page in place.
JET_ERR ApplyNodeOperation(const PageOperation& op, std::span<uint8_t> page) {
  PageView view;
  JET_ERR err = PageView::Open(std::span<const uint8_t>(page), op.pgno, &view);
  if (err < 0) {
    return err;
  }
  const int lines = view.line_count();
  const int iline = op.iline;
  if (op.kind == PageOpKind::kInsert ? iline > lines : iline >= lines) {
    return JET_errDatabaseCorrupted;
  }
  if (!op.nodes.empty() && !PrefixFits(view, op.nodes[0])) {
    return JET_errDatabaseCorrupted;
  }
  PageEditor editor;
  err = PageEditor::Attach(page, &editor);
  if (err < 0) {
    return err;
  }
  std::vector<uint8_t> line;
  uint8_t flags = 0;
  switch (op.kind) {
    case PageOpKind::kInsert:
    case PageOpKind::kReplace:
      err = EncodeImage(op.nodes[0], &line, &flags);
      if (err < 0) {
        return err;
      }
      err = op.kind == PageOpKind::kInsert ? editor.Insert(iline, line, flags)
                                           : editor.Replace(iline, line, flags);
      break;
    case PageOpKind::kDelete:
      err = editor.Delete(iline);
      break;
    case PageOpKind::kFlagDelete:
    case PageOpKind::kFlagInsert:
    case PageOpKind::kSetNodeFlags: {
      const uint8_t old = view.tag(iline + 1).flags;
      uint8_t now = old;
      if (op.kind == PageOpKind::kFlagDelete) {
        now = static_cast<uint8_t>(old | kNodeFlagDeleted);
      } else if (op.kind == PageOpKind::kFlagInsert) {
        now = static_cast<uint8_t>(old & ~kNodeFlagDeleted);
      } else {
        now = static_cast<uint8_t>((old & kNodeFlagCompressed) | op.node_flags);
      }
      err = editor.SetLineFlags(iline, now);
      break;
    }
    default:
      return JET_errInvalidParameter;
  }
  if (err < 0) {
    return PageMismatch(err);
  }
  editor.SetDbTime(op.dbtime_after);
  return JET_errSuccess;
}

// Kinds that make several edits: built on a copy, checked as a whole with
// PageView::Open(), and copied back only if everything worked, so a record
// that does not fit leaves the page as it was.
JET_ERR ApplyOnCopy(const PageOperation& op, std::span<uint8_t> page) {
  std::vector<uint8_t> scratch(page.begin(), page.end());
  PageEditor editor;
  JET_ERR err = JET_errSuccess;
  if (op.kind == PageOpKind::kNewPage) {
    PageEditor::NewPage info;
    info.pgno = op.pgno;
    info.objid_fdp = *op.header.objid_fdp;
    info.flags = *op.header.flags;
    info.dbtime = op.dbtime_after;
    info.pgno_prev = *op.header.pgno_prev;
    info.pgno_next = *op.header.pgno_next;
    err = PageEditor::Format(scratch, info, &editor);
    if (err < 0) {
      return err;
    }
    if (op.header.external_header && !op.header.external_header->empty()) {
      err = editor.SetExternalHeader(*op.header.external_header);
      if (err < 0) {
        return PageMismatch(err);
      }
    }
    err = InsertNodes(editor, 0, op.nodes);
    if (err < 0) {
      return err;
    }
  } else {
    PageView before;
    err = PageView::Open(std::span<const uint8_t>(scratch), op.pgno, &before);
    if (err < 0) {
      return err;
    }
    err = PageEditor::Attach(scratch, &editor);
    if (err < 0) {
      return err;
    }
    if (op.kind == PageOpKind::kSplit || op.kind == PageOpKind::kMerge) {
      const int lines = before.line_count();
      if (op.iline > lines) {
        return JET_errDatabaseCorrupted;
      }
      int remove = op.cline_removed == kAllLines ? lines - op.iline : op.cline_removed;
      if (op.iline + remove > lines) {
        return JET_errDatabaseCorrupted;
      }
      // Deleting from the last line down keeps the tag moves short.
      for (int i = op.iline + remove - 1; i >= op.iline; --i) {
        err = editor.Delete(i);
        if (err < 0) {
          return PageMismatch(err);
        }
      }
    }
    // The new prefix goes in before the nodes that may refer to it.
    err = ApplyHeaderChange(editor, op.header);
    if (err < 0) {
      return err;
    }
    err = InsertNodes(editor, op.iline, op.nodes);
    if (err < 0) {
      return err;
    }
    editor.SetDbTime(op.dbtime_after);
  }
  PageView after;
  err = PageView::Open(std::span<const uint8_t>(scratch), op.pgno, &after);
  if (err < 0) {
    return JET_errDatabaseCorrupted;
  }
  // The record's nodes must find their prefix on the finished page.
  for (const NodeImage& node : op.nodes) {
    if (!PrefixFits(after, node)) {
      return JET_errDatabaseCorrupted;
    }
  }
  std::memcpy(page.data(), scratch.data(), page.size());
  return JET_errSuccess;
}

}  // namespace

DbTime PageDbTime(std::span<const uint8_t> page) {
  if (page.size() < kPageOffDbtimeDirtied + 8) {
    return 0;
  }
  return static_cast<DbTime>(LoadLE64(page.data() + kPageOffDbtimeDirtied));
}

JET_ERR ApplyPageOperation(const PageOperation& op, std::span<uint8_t> page) {
  JET_ERR err = ValidatePageOperation(op);
  if (err < 0) {
    return err;
  }
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  err = CheckDbTimeBefore(op, PageDbTime(page));
  if (err < 0) {
    return err;
  }
  switch (op.kind) {
    case PageOpKind::kPageImage:
      if (op.image.size() != page.size()) {
        return JET_errInvalidParameter;
      }
      std::memcpy(page.data(), op.image.data(), page.size());
      return JET_errSuccess;
    case PageOpKind::kInsert:
    case PageOpKind::kReplace:
    case PageOpKind::kDelete:
    case PageOpKind::kFlagInsert:
    case PageOpKind::kFlagDelete:
    case PageOpKind::kSetNodeFlags:
      return ApplyNodeOperation(op, page);
    case PageOpKind::kNewPage:
    case PageOpKind::kSplit:
    case PageOpKind::kMerge:
    case PageOpKind::kSetExternalHeader:
    case PageOpKind::kSetPageHeader:
      return ApplyOnCopy(op, page);
  }
  return JET_errInvalidParameter;
}

JET_ERR RedoPageOperation(const PageOperation& op, std::span<uint8_t> page, RedoOutcome* outcome) {
  JET_ERR err = ValidatePageOperation(op);
  if (err < 0) {
    return err;
  }
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  // ese-facts §5, redo rule: at or past "after" means already applied.
  if (PageDbTime(page) >= op.dbtime_after) {
    *outcome = RedoOutcome::kSkipped;
    return JET_errSuccess;
  }
  err = ApplyPageOperation(op, page);
  if (err < 0) {
    return err;
  }
  *outcome = RedoOutcome::kApplied;
  return JET_errSuccess;
}

}  // namespace jet
