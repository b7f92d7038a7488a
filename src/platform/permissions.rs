//! The permission model: the roles a person can hold and the actions each role allows.
//! Every handler that needs a permission asks `may`; nothing else decides.

crate::text_enum! {
    /// A role held on the whole instance. Everyone signed in is a participant.
    pub enum Role {
        /// Runs the instance: accounts, roles, settings.
        Admin = "admin",
        /// Sets up and runs processes (consultant or local authority).
        Manager = "manager",
        /// Runs workshops and captures what was said there.
        Facilitator = "facilitator",
        /// Handles reports and hides abusive content.
        Moderator = "moderator",
        /// Offers support in the initiatives exchange.
        Partner = "partner",
        /// Any signed-in person.
        Participant = "participant",
    }
}

impl Role {
    /// Roles an admin can grant (participant is implicit).
    pub const GRANTABLE: [Role; 5] = [
        Role::Admin,
        Role::Manager,
        Role::Facilitator,
        Role::Moderator,
        Role::Partner,
    ];
}

/// Something a person may want to do that needs a permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read the e-mails kept in the outbox when no SMTP server is configured.
    ReadOutbox,
    /// See who holds which role.
    ReadRoleRegistry,
    /// Grant or revoke an instance role.
    AssignRoles,
    /// Read the audit log.
    ReadAuditLog,
    /// Import territories and their boundaries (a file of polygons is costly to check: admins
    /// only).
    ManageTerritories,
    /// Create a process (its creator becomes its manager).
    CreateProcess,
    /// Read the server's metrics (on the site's address; a separate address may serve them
    /// to a collector without sign-in).
    ReadMetrics,
    /// Register an organisation as a partner (its registrant becomes its first contact).
    RegisterOrganisation,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Action; 8] = [
        Action::ReadOutbox,
        Action::ReadRoleRegistry,
        Action::AssignRoles,
        Action::ReadAuditLog,
        Action::ManageTerritories,
        Action::CreateProcess,
        Action::ReadMetrics,
        Action::RegisterOrganisation,
    ];

    /// The roles that allow this action. One table: read it to know who may do what.
    fn allowed_to(self) -> &'static [Role] {
        match self {
            Action::ReadOutbox
            | Action::ReadRoleRegistry
            | Action::AssignRoles
            | Action::ReadAuditLog
            | Action::ReadMetrics
            | Action::ManageTerritories => &[Role::Admin],
            Action::CreateProcess => &[Role::Admin, Role::Manager],
            Action::RegisterOrganisation => &[Role::Admin, Role::Manager, Role::Partner],
        }
    }
}

/// Whether someone holding `roles` may perform `action`.
pub fn may(roles: &[Role], action: Action) -> bool {
    action.allowed_to().iter().any(|role| roles.contains(role))
}

crate::text_enum! {
    /// A role held within one process: this is where per-process roles live.
    pub enum ProcessRole {
        /// Runs the process: edits it, its themes, phases and team.
        Manager = "manager",
        /// Runs its workshops.
        Facilitator = "facilitator",
        /// Moderates its contributions.
        Moderator = "moderator",
    }
}

/// Something done within one process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcessAction {
    /// Edit the process, its themes, phases, territories and team; clone it.
    Edit,
    /// See it while it is a draft.
    SeeDraft,
    /// Read its reports, hide and restore its contributions.
    Moderate,
    /// Create its workshops, record attendance, capture what was said there.
    Facilitate,
    /// Run a synthesis of its needs and edit the drafts (validating and publishing one is
    /// `Edit`).
    Synthesize,
}

/// Whether someone with these instance roles and these roles in a process may act on it.
/// Instance admins may do anything; otherwise only the process's own team counts: a
/// facilitator of one process is nothing special in another.
pub fn may_in_process(
    instance: &[Role],
    in_process: &[ProcessRole],
    action: ProcessAction,
) -> bool {
    if instance.contains(&Role::Admin) {
        return true;
    }
    match action {
        ProcessAction::Edit => in_process.contains(&ProcessRole::Manager),
        ProcessAction::SeeDraft => !in_process.is_empty(),
        ProcessAction::Moderate => in_process
            .iter()
            .any(|r| matches!(r, ProcessRole::Moderator | ProcessRole::Manager)),
        ProcessAction::Facilitate | ProcessAction::Synthesize => in_process
            .iter()
            .any(|r| matches!(r, ProcessRole::Facilitator | ProcessRole::Manager)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for &role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn process_roles_count_only_in_their_process() {
        use ProcessAction::*;
        assert!(may_in_process(&[Role::Admin], &[], Edit));
        assert!(may_in_process(
            &[Role::Manager],
            &[ProcessRole::Manager],
            Edit
        ));
        assert!(
            !may_in_process(&[Role::Manager], &[], Edit),
            "an instance manager edits only their processes"
        );
        assert!(!may_in_process(
            &[Role::Facilitator],
            &[ProcessRole::Facilitator],
            Edit
        ));
        assert!(may_in_process(&[], &[ProcessRole::Moderator], SeeDraft));
        assert!(!may_in_process(&[Role::Moderator], &[], SeeDraft));
        assert!(may_in_process(&[], &[ProcessRole::Moderator], Moderate));
        assert!(may_in_process(&[], &[ProcessRole::Facilitator], Facilitate));
        assert!(!may_in_process(
            &[Role::Facilitator],
            &[ProcessRole::Moderator],
            Facilitate
        ));
        assert!(may_in_process(&[], &[ProcessRole::Facilitator], Synthesize));
        assert!(!may_in_process(&[], &[ProcessRole::Moderator], Synthesize));
        assert!(!may_in_process(&[], &[ProcessRole::Facilitator], Edit));
        assert!(
            !may_in_process(&[Role::Moderator], &[ProcessRole::Facilitator], Moderate),
            "moderating is per process"
        );
    }

    #[test]
    fn only_admins_administer_the_instance() {
        let admin_only = [
            Action::ReadOutbox,
            Action::ReadRoleRegistry,
            Action::AssignRoles,
            Action::ReadAuditLog,
            Action::ReadMetrics,
            Action::ManageTerritories,
        ];
        for action in admin_only {
            assert!(may(&[Role::Participant, Role::Admin], action));
            for role in Role::ALL.iter().copied().filter(|r| *r != Role::Admin) {
                assert!(
                    !may(&[role, Role::Participant], action),
                    "{role} {action:?}"
                );
            }
        }
    }
}
