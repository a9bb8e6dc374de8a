//! The `[entity]` table: name, logo, colours and contact of the entity the portal serves.

use super::{ConfigError, FileConfig};
use serde::Deserialize;

/// The `[entity]` table: how the citizen portal names and brands the entity. Nothing in the
/// portal is hard-coded to one entity.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityFile {
    /// The entity's name, e.g. "Alcaldía de Ejemplo".
    pub name: Option<String>,
    /// A logo file (PNG, SVG, JPEG or WebP) served by the binary at `/static/logo`.
    pub logo_file: Option<std::path::PathBuf>,
    /// The logo's text alternative (default: the entity's name).
    pub logo_alt: Option<String>,
    /// The header colour, `#rrggbb`; white text on it must reach a 4.5:1 contrast (WCAG 1.4.3).
    pub primary_color: Option<String>,
    /// The address where the entity receives the public.
    pub address: Option<String>,
    /// The contact e-mail.
    pub email: Option<String>,
    /// The contact phone.
    pub phone: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// The entity's personal-data policy (Ley 1581 de 2012 art. 17 lit. k, Decreto 1377 de
    /// 2013 art. 13), linked from the filing form and the home page.
    pub privacy_policy_url: Option<String>,
}

/// The entity as the portal shows it, defaults applied and the logo loaded.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Name.
    pub name: String,
    /// Logo bytes and content type.
    pub logo: Option<(Vec<u8>, &'static str)>,
    /// Logo text alternative.
    pub logo_alt: String,
    /// Header colour, `#rrggbb`.
    pub primary_color: String,
    /// Address.
    pub address: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// Personal-data policy link (http, https or a path on this site).
    pub privacy_policy_url: Option<String>,
    /// Filings per client address and minute through the portal form.
    pub filings_per_minute: u32,
}

/// The default header colour: a dark blue with 8.6:1 contrast against white.
pub const DEFAULT_PRIMARY_COLOR: &str = "#1d4f91";

/// The contrast ratio of white text on `#rrggbb` (WCAG 2.1 relative luminance), if it parses.
pub(super) fn contrast_with_white(color: &str) -> Option<f64> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (l + 0.05))
}

/// The portal's entity from the file: defaults, checks (colour contrast, link schemes) and
/// the logo read once.
pub fn entity(file: &FileConfig) -> Result<Entity, ConfigError> {
    let e = file.entity.clone().unwrap_or_default();
    let invalid = |key: &'static str, message: String| ConfigError::Invalid { key, message };
    let primary_color = e
        .primary_color
        .unwrap_or_else(|| DEFAULT_PRIMARY_COLOR.to_owned());
    match contrast_with_white(&primary_color) {
        None => {
            return Err(invalid(
                "entity.primary_color",
                format!("`{primary_color}` no es un color #rrggbb"),
            ))
        }
        Some(c) if c < 4.5 => {
            return Err(invalid(
                "entity.primary_color",
                format!(
                    "el texto blanco sobre `{primary_color}` tiene un contraste de {c:.1}:1; \
                     se necesita al menos 4.5:1 (WCAG 2.1, 1.4.3)"
                ),
            ))
        }
        Some(_) => {}
    }
    if let Some(url) = &e.privacy_policy_url {
        if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')) {
            return Err(invalid(
                "entity.privacy_policy_url",
                "debe empezar por https://, http:// o /".into(),
            ));
        }
    }
    let logo = match &e.logo_file {
        None => None,
        Some(path) => {
            let kind = match path
                .extension()
                .and_then(|x| x.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("png") => "image/png",
                Some("svg") => "image/svg+xml",
                Some("jpg" | "jpeg") => "image/jpeg",
                Some("webp") => "image/webp",
                _ => {
                    return Err(invalid(
                        "entity.logo_file",
                        "debe ser un archivo .png, .svg, .jpg o .webp".into(),
                    ))
                }
            };
            let bytes = std::fs::read(path).map_err(|source| ConfigError::Read {
                path: path.display().to_string(),
                source,
            })?;
            Some((bytes, kind))
        }
    };
    let name = e
        .name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Entidad pública".to_owned());
    Ok(Entity {
        logo_alt: e.logo_alt.unwrap_or_else(|| name.clone()),
        name,
        logo,
        primary_color,
        address: e.address,
        email: e.email,
        phone: e.phone,
        hours: e.hours,
        privacy_policy_url: e.privacy_policy_url,
        filings_per_minute: file.portal_filings_per_minute.unwrap_or(10).max(1),
    })
}
