//! Claims (« C'est notre initiative »): a holder asks to hold a published initiative nobody
//! holds; an animator of its area accepts (it becomes theirs) or refuses with a reason. Who may
//! call these is decided by the server functions (`claims::server_fns`, `moderation::server_fns`).

use sqlx::{FromRow, SqliteConnection};

use super::audit::audit;
use super::moderation::areas_of;
use super::notices::tell_moderators;
use super::outbox::{enqueue, reads_english};
use super::{now, DataError, Db};
use crate::domain::audit::AuditAction;
use crate::domain::claims::{
    refusal_reason, Claim, ClaimDecision, ClaimPage, ClaimStanding, HELD_BY_ANOTHER_REASON, MAX_OPEN_CLAIMS,
};
use crate::domain::initiative::detail_path;
use crate::domain::mail::letters;
use crate::domain::moderation::QueueKind;
use crate::domain::{Account, Message, Role, Status};

/// The key of the queue item claim `id` is.
pub(super) fn claim_item_key(id: i64) -> String {
    format!("claim:{id}")
}

#[derive(FromRow)]
struct ClaimRow {
    id: i64,
    initiative_id: i64,
    title: String,
    slug: String,
    claimant: String,
    message: String,
    created_at: String,
    decision: Option<String>,
    decided_at: Option<String>,
    reason: Option<String>,
}

impl From<ClaimRow> for Claim {
    fn from(row: ClaimRow) -> Claim {
        Claim {
            id: row.id,
            initiative_id: row.initiative_id,
            path: detail_path(row.initiative_id, &row.slug),
            title: row.title,
            claimant: row.claimant,
            message: row.message,
            created_at: row.created_at,
            decision: row.decision.as_deref().and_then(ClaimDecision::from_code),
            decided_at: row.decided_at,
            reason: row.reason,
        }
    }
}

/// The columns of [`ClaimRow`], from `claims cl` joined to its initiative `i` and claimant `a`.
const CLAIM_COLUMNS: &str = "SELECT cl.id, cl.initiative_id, i.title, i.slug,
        a.contact_name || ' (' || a.organisation || ')' AS claimant, cl.message, cl.created_at,
        cl.decision, cl.decided_at, cl.reason
    FROM claims cl JOIN initiatives i ON i.id = cl.initiative_id JOIN accounts a ON a.id = cl.account_id";

/// What a decision needs of a claim: its initiative, the claimant, whether it is decided.
struct Open {
    initiative_id: i64,
    title: String,
    slug: String,
    account_id: i64,
    email: String,
    /// The claimant's organisation, for the audit log.
    organisation: String,
}

/// Claim `claim`, which must still wait for a decision.
async fn open_claim(conn: &mut SqliteConnection, claim: i64) -> Result<Open, DataError> {
    type Row = (i64, String, String, i64, String, String, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT cl.initiative_id, i.title, i.slug, cl.account_id, a.email, a.organisation, cl.decision
         FROM claims cl JOIN initiatives i ON i.id = cl.initiative_id JOIN accounts a ON a.id = cl.account_id
         WHERE cl.id = ?1",
    )
    .bind(claim)
    .fetch_optional(&mut *conn)
    .await?;
    let (initiative_id, title, slug, account_id, email, organisation, decision) = row.ok_or(DataError::NotFound)?;
    if decision.is_some() {
        return Err(DataError::Said(Message::new(
            "Cette demande a déjà reçu une réponse.",
            "This request has already been answered.",
        )));
    }
    Ok(Open { initiative_id, title, slug, account_id, email, organisation })
}

/// Records `decision` on claim `claim`, by `animator`.
async fn decide(
    conn: &mut SqliteConnection,
    claim: i64,
    decision: ClaimDecision,
    animator: Option<&Account>,
    reason: Option<&str>,
) -> Result<(), DataError> {
    sqlx::query("UPDATE claims SET decision = ?2, decided_at = ?3, decided_by = ?4, reason = ?5 WHERE id = ?1")
        .bind(claim)
        .bind(decision.code())
        .bind(now())
        .bind(animator.map(|a| a.id))
        .bind(reason)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Db {
    /// Where `account` stands towards claiming initiative `id`, which must be published.
    pub async fn claim_page(&self, id: i64, account: &Account) -> Result<ClaimPage, DataError> {
        let row: Option<(String, String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT i.title, i.slug, i.organisation, a.name, i.holder_id
             FROM initiatives i JOIN communes c ON c.insee = i.commune JOIN areas a ON a.code = c.area
             WHERE i.id = ?1 AND i.status = 'published'",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let (title, slug, organisation, area_name, holder) = row.ok_or(DataError::NotFound)?;
        let last: Option<Claim> = sqlx::query_as::<_, ClaimRow>(&format!(
            "{CLAIM_COLUMNS} WHERE cl.initiative_id = ?1 AND cl.account_id = ?2 ORDER BY cl.id DESC LIMIT 1"
        ))
        .bind(id)
        .bind(account.id)
        .fetch_optional(&self.pool)
        .await?
        .map(Claim::from);
        let standing = match (holder, last) {
            (Some(holder), _) if holder == account.id => ClaimStanding::Yours,
            (Some(_), _) => ClaimStanding::HeldByAnother,
            _ if account.role != Role::Holder => ClaimStanding::NotAHolder,
            (None, Some(claim)) if claim.decision.is_none() => ClaimStanding::Waiting(claim),
            _ if !account.verified => ClaimStanding::Unverified,
            (None, last) => {
                ClaimStanding::MayClaim { refused: last.filter(|c| c.decision == Some(ClaimDecision::Refused)) }
            }
        };
        Ok(ClaimPage { initiative_id: id, path: detail_path(id, &slug), title, organisation, area_name, standing })
    }

    /// `holder` claims published initiative `id`, which nobody holds, saying `message` (already
    /// checked) of their link with it; its area's animators are told. Returns the claim's id.
    /// Refused past [`MAX_OPEN_CLAIMS`] waiting claims of the same account.
    pub async fn claim_initiative(&self, id: i64, holder: &Account, message: &str) -> Result<i64, DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row: Option<(String, Option<i64>, String)> =
            sqlx::query_as("SELECT status, holder_id, title FROM initiatives WHERE id = ?1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((_, holder_id, title)) = row.filter(|(status, _, _)| status == Status::Published.code()) else {
            return Err(DataError::NotFound);
        };
        match holder_id {
            Some(held) if held == holder.id => {
                return Err(DataError::Said(Message::new(
                    "Cette initiative est déjà la vôtre.",
                    "This initiative is already yours.",
                )));
            }
            Some(_) => {
                return Err(DataError::Said(Message::new(
                    "Cette initiative a déjà un porteur. Si vous pensez que c'est une erreur, signalez-la depuis sa page.",
                    "This initiative already has a holder. If you think this is a mistake, report it from its page.",
                )));
            }
            None => {}
        }
        let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM claims WHERE account_id = ?1 AND decision IS NULL")
            .bind(holder.id)
            .fetch_one(&mut *tx)
            .await?;
        if open >= MAX_OPEN_CLAIMS {
            return Err(DataError::Said(Message::new(
                format!("Vous avez déjà {open} demandes de rattachement en attente : attendez les réponses des animateurs avant d'en envoyer d'autres."),
                format!("You already have {open} claims waiting: wait for the facilitators' answers before sending more."),
            )));
        }
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO claims (initiative_id, account_id, message, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        )
        .bind(id)
        .bind(holder.id)
        .bind(message)
        .bind(now())
        .fetch_one(&mut *tx)
        .await;
        let claim = match inserted {
            Ok(claim) => claim,
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(DataError::Said(Message::new(
                    "Votre demande pour cette initiative attend déjà la réponse d'un animateur.",
                    "Your claim on this initiative is already waiting for a facilitator's answer.",
                )));
            }
            Err(e) => return Err(e.into()),
        };
        let areas = areas_of(&mut tx, id).await?.into_iter().take(1).collect::<Vec<_>>();
        let key = claim_item_key(claim);
        tell_moderators(&mut tx, self.public_url(), &key, &areas, QueueKind::Claim, &title, id).await?;
        tx.commit().await?;
        Ok(claim)
    }

    /// The initiative claim `claim` is about, or `NotFound`.
    pub async fn claimed_initiative(&self, claim: i64) -> Result<i64, DataError> {
        sqlx::query_scalar("SELECT initiative_id FROM claims WHERE id = ?1")
            .bind(claim)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(DataError::NotFound)
    }

    /// The claims on initiative `id`, open ones first then the latest decided.
    pub async fn claims_on(&self, id: i64) -> Result<Vec<Claim>, DataError> {
        let sql = format!("{CLAIM_COLUMNS} WHERE cl.initiative_id = ?1 ORDER BY cl.decision IS NOT NULL, cl.id DESC");
        let rows: Vec<ClaimRow> = sqlx::query_as(&sql).bind(id).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(Claim::from).collect())
    }

    /// The claims account `id` made, the latest first.
    pub async fn claims_of(&self, id: i64) -> Result<Vec<Claim>, DataError> {
        let sql = format!("{CLAIM_COLUMNS} WHERE cl.account_id = ?1 ORDER BY cl.id DESC");
        let rows: Vec<ClaimRow> = sqlx::query_as(&sql).bind(id).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(Claim::from).collect())
    }

    /// Accepts claim `claim`: its initiative becomes the claimant's, every other open claim on
    /// it is refused (each claimant told why, each refusal logged), and the claimant is told.
    /// Refused when the initiative is no longer published, found a holder meanwhile, or the
    /// claimant no longer is a holder: the animator then refuses the claim, saying why.
    pub async fn accept_claim(&self, claim: i64, animator: &Account) -> Result<(), DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let open = open_claim(&mut tx, claim).await?;
        let (holder_id, status, role): (Option<i64>, String, String) = sqlx::query_as(
            "SELECT i.holder_id, i.status, (SELECT role FROM accounts WHERE id = ?2) FROM initiatives i WHERE i.id = ?1",
        )
        .bind(open.initiative_id)
        .bind(open.account_id)
        .fetch_one(&mut *tx)
        .await?;
        if status != Status::Published.code() {
            return Err(DataError::Said(Message::new(
                "Cette initiative n'est plus publiée : refusez cette demande, avec le motif.",
                "This initiative is no longer published: refuse this request, with the reason.",
            )));
        }
        if holder_id.is_some() {
            return Err(DataError::Said(Message::new(
                "Cette initiative a trouvé un porteur entre-temps : refusez cette demande, avec le motif.",
                "This initiative has found a holder meanwhile: refuse this request, with the reason.",
            )));
        }
        if role != Role::Holder.code() {
            return Err(DataError::Said(Message::new(
                "Ce compte n'est plus celui d'un porteur d'initiatives : refusez cette demande, avec le motif.",
                "This account is no longer an initiative holder's: refuse this request, with the reason.",
            )));
        }
        sqlx::query("UPDATE initiatives SET holder_id = ?2 WHERE id = ?1")
            .bind(open.initiative_id)
            .bind(open.account_id)
            .execute(&mut *tx)
            .await?;
        decide(&mut tx, claim, ClaimDecision::Accepted, Some(animator), None).await?;
        let path = detail_path(open.initiative_id, &open.slug);
        let others: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT cl.id, a.email, a.organisation FROM claims cl JOIN accounts a ON a.id = cl.account_id
             WHERE cl.initiative_id = ?1 AND cl.decision IS NULL",
        )
        .bind(open.initiative_id)
        .fetch_all(&mut *tx)
        .await?;
        let claimant = &open.organisation;
        for (other, email, organisation) in others {
            decide(&mut tx, other, ClaimDecision::Refused, Some(animator), Some(HELD_BY_ANOTHER_REASON)).await?;
            let details = format!("Demande de {organisation} refusée : initiative confiée à {claimant}");
            audit(&mut tx, Some(animator), AuditAction::RefuseClaim, Some(open.initiative_id), &open.title, &details)
                .await?;
            let english = reads_english(&mut tx, &email).await?;
            let (reason, _) = refusal_reason(HELD_BY_ANOTHER_REASON, english);
            let mail = letters::claim_refused(&open.title, reason, &path, english);
            enqueue(&mut tx, self.public_url(), &email, &mail).await?;
        }
        let details = format!("Initiative confiée à {claimant}");
        audit(&mut tx, Some(animator), AuditAction::AcceptClaim, Some(open.initiative_id), &open.title, &details)
            .await?;
        let english = reads_english(&mut tx, &open.email).await?;
        let mail = letters::claim_accepted(&open.title, &format!("/mes-initiatives/{}", open.initiative_id), english);
        enqueue(&mut tx, self.public_url(), &open.email, &mail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Refuses claim `claim` with `reason` (already checked), which the claimant reads.
    pub async fn refuse_claim(&self, claim: i64, animator: &Account, reason: &str) -> Result<(), DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let open = open_claim(&mut tx, claim).await?;
        decide(&mut tx, claim, ClaimDecision::Refused, Some(animator), Some(reason)).await?;
        let claimant = &open.organisation;
        let details = format!("Demande de {claimant} refusée : {reason}");
        audit(&mut tx, Some(animator), AuditAction::RefuseClaim, Some(open.initiative_id), &open.title, &details)
            .await?;
        let path = detail_path(open.initiative_id, &open.slug);
        let english = reads_english(&mut tx, &open.email).await?;
        enqueue(&mut tx, self.public_url(), &open.email, &letters::claim_refused(&open.title, reason, &path, english))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
