//! Uploaded images made safe to serve. An upload is decoded (JPEG, PNG or WebP only) within
//! limits on its size, its dimensions and the memory decoding may take, turned upright by its
//! EXIF orientation, scaled down to a longest side, and encoded again from its pixels: the
//! result carries no EXIF, no GPS position, no comment, no colour profile, nothing but the
//! picture. Opaque pictures become JPEG, those with transparency PNG.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// What an upload may be.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// Largest upload accepted, in bytes.
    pub max_bytes: usize,
    /// Largest width or height the upload may declare, in pixels (decompression bombs).
    pub max_declared_side: u32,
    /// Longest side of the stored picture; larger ones are scaled down.
    pub max_stored_side: u32,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            max_bytes: 8 * 1024 * 1024,
            max_declared_side: 12_000,
            max_stored_side: 1_600,
        }
    }
}

/// Why an upload was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing was sent.
    Empty,
    /// More bytes than [`Bounds::max_bytes`].
    TooLarge,
    /// Not a JPEG, PNG or WebP picture, or a damaged one.
    NotAnImage,
    /// A picture declaring more pixels than allowed.
    TooManyPixels,
}

/// A picture ready to store and serve.
#[derive(Clone, Debug)]
pub struct Encoded {
    /// The encoded bytes.
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png`.
    pub media_type: &'static str,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// JPEG quality of stored pictures: photographs stay faithful at a fraction of a camera's size.
const JPEG_QUALITY: u8 = 85;

/// Decodes an upload within `bounds` and encodes it again without any metadata.
pub fn reencode(upload: &[u8], bounds: Bounds) -> Result<Encoded, Refusal> {
    if upload.is_empty() {
        return Err(Refusal::Empty);
    }
    if upload.len() > bounds.max_bytes {
        return Err(Refusal::TooLarge);
    }
    let mut reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| Refusal::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(Refusal::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(bounds.max_declared_side);
    limits.max_image_height = Some(bounds.max_declared_side);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let orientation = decoder.orientation().map_err(refusal)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    picture.apply_orientation(orientation);
    if picture.width().max(picture.height()) > bounds.max_stored_side {
        picture = picture.resize(
            bounds.max_stored_side,
            bounds.max_stored_side,
            FilterType::Triangle,
        );
    }
    let (width, height) = (picture.width(), picture.height());
    let mut bytes = Vec::new();
    let media_type = if picture.color().has_alpha() {
        picture
            .to_rgba8()
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .map_err(|_| Refusal::NotAnImage)?;
        "image/png"
    } else {
        picture
            .to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY))
            .map_err(|_| Refusal::NotAnImage)?;
        "image/jpeg"
    };
    Ok(Encoded {
        bytes,
        media_type,
        width,
        height,
    })
}

/// A decoding error as the uploader's refusal: limits exceeded or a damaged picture.
fn refusal(error: image::ImageError) -> Refusal {
    match error {
        image::ImageError::Limits(_) => Refusal::TooManyPixels,
        _ => Refusal::NotAnImage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut bytes = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
            .unwrap();
        bytes
    }

    /// A JPEG with an EXIF segment (camera name, GPS tag, orientation) right after its start.
    fn jpeg_with_exif(width: u32, height: u32, orientation: u16) -> Vec<u8> {
        let plain = jpeg(width, height);
        // TIFF header, little-endian, one IFD with Orientation (0x0112) and Make (0x010F).
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&2u16.to_le_bytes());
        tiff.extend_from_slice(&0x0112u16.to_le_bytes());
        tiff.extend_from_slice(&3u16.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
        tiff.extend_from_slice(&(orientation as u32).to_le_bytes());
        tiff.extend_from_slice(&0x010Fu16.to_le_bytes());
        tiff.extend_from_slice(&2u16.to_le_bytes());
        tiff.extend_from_slice(&12u32.to_le_bytes());
        tiff.extend_from_slice(&38u32.to_le_bytes());
        tiff.extend_from_slice(&0u32.to_le_bytes());
        tiff.extend_from_slice(b"SecretCam-GPS\0");
        let mut segment = b"Exif\0\0".to_vec();
        segment.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&segment);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn metadata_is_dropped_and_the_picture_turned_upright() {
        let upload = jpeg_with_exif(40, 20, 6);
        assert!(contains(&upload, b"SecretCam-GPS"));
        let stored = reencode(&upload, Bounds::default()).unwrap();
        assert_eq!(stored.media_type, "image/jpeg");
        assert!(!contains(&stored.bytes, b"Exif"));
        assert!(!contains(&stored.bytes, b"SecretCam-GPS"));
        // Orientation 6 (rotate 90° clockwise): the 40×20 picture stands 20×40.
        assert_eq!((stored.width, stored.height), (20, 40));
    }

    #[test]
    fn large_pictures_are_scaled_down_and_transparency_kept_as_png() {
        let stored = reencode(
            &jpeg(3200, 800),
            Bounds {
                max_stored_side: 1600,
                ..Bounds::default()
            },
        )
        .unwrap();
        assert_eq!((stored.width, stored.height), (1600, 400));
        let translucent = RgbaImage::from_pixel(10, 10, Rgba([10, 20, 30, 100]));
        let mut png = Vec::new();
        translucent
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let stored = reencode(&png, Bounds::default()).unwrap();
        assert_eq!(stored.media_type, "image/png");
        let back = image::load_from_memory(&stored.bytes).unwrap();
        assert_eq!(back.to_rgba8().get_pixel(3, 3), &Rgba([10, 20, 30, 100]));
    }

    #[test]
    fn what_is_not_a_picture_or_too_big_is_refused() {
        let bounds = Bounds::default();
        assert_eq!(reencode(b"", bounds).unwrap_err(), Refusal::Empty);
        assert_eq!(
            reencode(b"%PDF-1.7 not a picture", bounds).unwrap_err(),
            Refusal::NotAnImage
        );
        let mut truncated = jpeg(64, 64);
        truncated.truncate(truncated.len() / 3);
        assert_eq!(
            reencode(&truncated, bounds).unwrap_err(),
            Refusal::NotAnImage
        );
        let small = Bounds {
            max_bytes: 100,
            ..bounds
        };
        assert_eq!(
            reencode(&jpeg(64, 64), small).unwrap_err(),
            Refusal::TooLarge
        );
        let narrow = Bounds {
            max_declared_side: 50,
            ..bounds
        };
        assert_eq!(
            reencode(&jpeg(64, 64), narrow).unwrap_err(),
            Refusal::TooManyPixels
        );
    }
}
