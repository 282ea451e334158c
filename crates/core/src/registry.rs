// SPDX-License-Identifier: AGPL-3.0-only
//! The modules compiled into this binary and the features they declare.
use std::sync::Arc;

use townhall_license::Edition;

use crate::dashboard::metrics::Metric;
use crate::methods::Method;
use crate::{FeatureDef, Module};

#[derive(Clone)]
pub struct Registry {
    edition: Edition,
    modules: Vec<Arc<dyn Module>>,
    features: Vec<FeatureDef>,
    methods: Vec<Method>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<_> = self.modules.iter().map(|m| m.id()).collect();
        f.debug_struct("Registry").field("edition", &self.edition).field("modules", &ids).finish()
    }
}

impl Registry {
    /// `edition` is the edition this binary was built as; `modules` all its modules.
    /// Panics at start-up if two modules or features share an id: that is a build mistake.
    pub fn new(edition: Edition, modules: Vec<Arc<dyn Module>>) -> Self {
        let mut features: Vec<FeatureDef> = Vec::new();
        let mut module_ids: Vec<&str> = Vec::new();
        for m in &modules {
            assert!(!module_ids.contains(&m.id()), "module `{}` registered twice", m.id());
            module_ids.push(m.id());
            for f in m.features() {
                assert!(!features.iter().any(|g| g.id == f.id), "feature `{}` declared twice", f.id);
                assert!(f.edition <= edition, "feature `{}` is above the build's edition", f.id);
                features.push(f);
            }
        }
        let methods: Vec<Method> = modules.iter().flat_map(|m| m.participation_methods()).collect();
        for (k, m) in methods.iter().enumerate() {
            let id = m.def().id;
            assert!(!methods[..k].iter().any(|other| other.def().id == id), "method `{id}` declared twice");
        }
        Self { edition, modules, features, methods }
    }

    pub fn edition(&self) -> Edition {
        self.edition
    }

    pub fn modules(&self) -> &[Arc<dyn Module>] {
        &self.modules
    }

    pub fn features(&self) -> &[FeatureDef] {
        &self.features
    }

    pub fn feature(&self, id: &str) -> Option<&FeatureDef> {
        self.features.iter().find(|f| f.id == id)
    }

    /// The participation method with this id, from whichever module declares it.
    pub fn method(&self, id: &str) -> Option<crate::permissions::MethodDef> {
        self.participation_method(id).map(|m| m.def())
    }

    /// The participation method with this id, with its panels.
    pub fn participation_method(&self, id: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.def().id == id)
    }

    /// Every participation method compiled in.
    pub fn methods(&self) -> Vec<crate::permissions::MethodDef> {
        self.methods.iter().map(|m| m.def()).collect()
    }

    /// Every module's exports in registration order, the people themselves (the users'
    /// list) last.
    pub fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        let mut all: Vec<_> = self.modules.iter().flat_map(|m| m.exports()).collect();
        all.sort_by_key(|e| e.people_register());
        all
    }

    /// The export with this id.
    pub fn export(&self, id: &str) -> Option<std::sync::Arc<dyn crate::exports::ExportSource>> {
        self.modules.iter().flat_map(|m| m.exports()).find(|e| e.id() == id)
    }

    /// What the dashboard counts, every module's metrics in registration order.
    pub fn metrics(&self) -> Vec<Metric> {
        self.modules.iter().flat_map(|m| m.metrics()).collect()
    }

    /// The metrics that count taking part (not signing up).
    pub fn participation_metrics(&self) -> Vec<Metric> {
        self.metrics().into_iter().filter(Metric::is_participation).collect()
    }

    /// Every module's page templates.
    pub fn templates(&self) -> Vec<(&'static str, &'static str)> {
        self.modules.iter().flat_map(|m| m.templates()).collect()
    }

    /// Every module's Fluent resources.
    pub fn translations(&self) -> Vec<(&'static str, &'static str)> {
        self.modules.iter().flat_map(|m| m.translations()).collect()
    }
}
